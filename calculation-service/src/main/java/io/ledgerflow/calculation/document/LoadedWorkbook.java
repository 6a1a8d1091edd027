package io.ledgerflow.calculation.document;

import io.ledgerflow.formula.ChangeSet;
import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workbook held in memory: the formula engine fed with the workbook's operations in revision
 * order. Workbook revision {@code r} maps to an engine revision, so every earlier revision stays
 * readable. Not thread-safe on its own: {@link WorkbookDocuments} serialises access.
 */
public final class LoadedWorkbook {

    private final FormulaEngine engine;
    /** The workbook revision the engine was built at: earlier revisions are not held. */
    private final long base;
    /** engineRevision.get(r - base) is the engine revision holding workbook revision r. */
    private final List<Long> engineRevision = new ArrayList<>();

    private LoadedWorkbook(FormulaEngine engine, long base) {
        this.engine = engine;
        this.base = base;
        this.engineRevision.add(engine.revision());
    }

    /** Builds revision 1 from the workbook's creating operation. */
    public static LoadedWorkbook create(Operation.Create create) {
        return at(create, 1);
    }

    /** Builds the workbook as it was at {@code revision} from its contents then (a snapshot). */
    public static LoadedWorkbook at(Operation.Create contents, long revision) {
        FormulaEngine.Builder builder = FormulaEngine.builder().date1904(contents.in1904());
        contents.sheets().forEach((name, rows) -> builder.sheet(name, toArray(rows)));
        for (DefinedName name : contents.definedNames()) {
            if (name.sheet() == null || contents.sheets().containsKey(name.sheet())) {
                builder.name(name.engineKey(), name.formula());
            }
        }
        return new LoadedWorkbook(builder.build(), revision);
    }

    /** The workbook at a revision as the operation that creates it (for a snapshot). */
    public Operation.Create snapshot(long revision) {
        List<DefinedName> names = names();
        return new Operation.Create(contents(revision), names.isEmpty() ? null : names, date1904() ? true : null);
    }

    /**
     * The defined names, workbook-level and sheet-scoped, as they are now (names change only with
     * the sheets they name: a renamed sheet's references follow, a removed sheet's go).
     */
    public List<DefinedName> names() {
        return DefinedName.fromEngine(engine.names());
    }

    /** Whether the workbook counts dates in the 1904 date system. */
    public boolean date1904() {
        return engine.date1904();
    }

    /** The latest revision held. */
    public long revision() {
        return base + engineRevision.size() - 1;
    }

    /** The earliest revision held. */
    public long base() {
        return base;
    }

    /**
     * Applies the operation of the next revision.
     *
     * @return the cells whose values changed (empty for operations that change no cell)
     */
    public ChangeSet apply(Operation operation) {
        ChangeSet changes = switch (operation) {
            case Operation.SetCells set ->
                engine.setCells(set.cells().stream()
                        .map(edit -> new FormulaEngine.CellUpdate(
                                edit.sheet(), edit.row(), edit.col(), engineContent(edit.content())))
                        .toList());
            case Operation.Restructure r ->
                switch (r.what()) {
                    case INSERT_ROWS -> engine.insertRows(r.sheet(), r.at(), r.count());
                    case DELETE_ROWS -> engine.deleteRows(r.sheet(), r.at(), r.count());
                    case INSERT_COLUMNS -> engine.insertColumns(r.sheet(), r.at(), r.count());
                    case DELETE_COLUMNS -> engine.deleteColumns(r.sheet(), r.at(), r.count());
                };
            case Operation.AddSheet add -> engine.addSheet(add.name(), add.rows() == null ? null : toArray(add.rows()));
            case Operation.RenameSheet rename -> engine.renameSheet(rename.from(), rename.to());
            case Operation.RemoveSheet remove -> engine.removeSheet(remove.name());
            case Operation.ReorderSheets reorder -> engine.reorderSheets(reorder.sheets());
            case Operation.MoveRange move ->
                engine.moveRange(
                        move.fromSheet(),
                        move.row1(),
                        move.col1(),
                        move.row2(),
                        move.col2(),
                        move.toSheet(),
                        move.toRow(),
                        move.toCol());
            case Operation.Delete delete -> null;
            case Operation.Create create ->
                throw new IllegalArgumentException("a workbook is created once, at revision 1");
        };
        engineRevision.add(engine.revision());
        return changes;
    }

    /** The engine's graph: {nodes, edges, range nodes}; for the management port's workbook statistics. */
    public long[] graphStats() {
        return engine.graphStats();
    }

    public List<String> sheetNames() {
        return engine.sheetNames();
    }

    public boolean hasSheet(String sheet) {
        return engine.sheetNames().contains(sheet);
    }

    /** Refuses a sheet the workbook does not have: a 422 naming the field and the sheets it has. */
    public void requireSheet(String field, String sheet) {
        if (!hasSheet(sheet)) {
            throw new InvalidInputException(
                    field, "the workbook has no sheet '" + sheet + "'; its sheets are " + sheetNames());
        }
    }

    /** {rows, columns} of the sheet's used area. */
    public int[] sheetSize(String sheet) {
        return engine.sheetSize(sheet);
    }

    public Value value(long revision, String sheet, int row, int col) {
        if (!hasSheet(sheet)) {
            return EmptyValue.INSTANCE;
        }
        return engine.getValue(engineRevisionOf(revision), sheet, row, col);
    }

    /** The formula of a cell at a revision (canonical form with "="), or null for a constant. */
    public String formula(long revision, String sheet, int row, int col) {
        if (!hasSheet(sheet)) {
            return null;
        }
        String formula = engine.getFormula(engineRevisionOf(revision), sheet, row, col);
        if (formula == null) {
            return null;
        }
        return formula.startsWith("=") || formula.startsWith("{=") ? formula : "=" + formula;
    }

    /** The content as a user wrote it: the formula, or the constant value. */
    public Object content(long revision, String sheet, int row, int col) {
        String formula = formula(revision, sheet, row, col);
        if (formula != null) {
            return formula;
        }
        if (revision == revision() && engine.isSpilled(sheet, row, col)) {
            return null; // an element of a dynamic array spilled from another cell: no content of its own
        }
        return value(revision, sheet, row, col).toJava();
    }

    /**
     * The dynamic arrays of the latest revision: per sheet, the cells whose formula spills an array
     * over more than one cell, keyed {@code row << 20 | col}, as {rows, columns} (for the export).
     */
    public Map<String, Map<Long, int[]>> spillAreas() {
        Map<String, Map<Long, int[]>> areas = new LinkedHashMap<>();
        for (String sheet : engine.sheetNames()) {
            int[] size = engine.sheetSize(sheet);
            Map<Long, int[]> anchors = new LinkedHashMap<>();
            for (int r = 0; r < size[0]; r++) {
                for (int c = 0; c < size[1]; c++) {
                    int[] area = engine.spillArea(sheet, r, c);
                    if (area != null && (area[0] > 1 || area[1] > 1 || isArrayFormula(sheet, r, c))) {
                        anchors.put(((long) r << 20) | c, area);
                    }
                }
            }
            areas.put(sheet, anchors);
        }
        return areas;
    }

    private boolean isArrayFormula(String sheet, int row, int col) {
        String f = engine.getFormula(sheet, row, col);
        return f != null && f.startsWith("{=");
    }

    /** Every sheet's contents at a revision, as rows of contents (the import format). */
    public Map<String, List<List<Object>>> contents(long revision) {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        for (String sheet : engine.sheetNames()) {
            int[] size = engine.sheetSize(sheet);
            List<List<Object>> rows = new ArrayList<>(size[0]);
            for (int r = 0; r < size[0]; r++) {
                List<Object> row = new ArrayList<>(size[1]);
                for (int c = 0; c < size[1]; c++) {
                    row.add(content(revision, sheet, r, c));
                }
                while (!row.isEmpty() && row.getLast() == null) {
                    row.removeLast();
                }
                rows.add(row);
            }
            sheets.put(sheet, rows);
        }
        return sheets;
    }

    /** One point of a cell's history: the workbook revision from which it held this value. */
    public record HistoryPoint(long revision, Value value) {}

    /** The values a cell took, oldest first: only the revisions where its value changed. */
    public List<HistoryPoint> history(String sheet, int row, int col) {
        List<HistoryPoint> points = new ArrayList<>();
        if (!hasSheet(sheet)) {
            return points;
        }
        Value last = null;
        long lastEngineRevision = -1;
        for (long r = base; r <= revision(); r++) {
            long engineRev = engineRevisionOf(r);
            if (engineRev == lastEngineRevision) {
                continue; // a revision that changed no cell (a delete) cannot change this one
            }
            lastEngineRevision = engineRev;
            Value value = engine.getValue(engineRev, sheet, row, col);
            if (!value.equals(last)) {
                points.add(new HistoryPoint(r, value));
                last = value;
            }
        }
        return points;
    }

    /**
     * The cells and blocks a cell's formula refers to at a revision, each sheet-qualified (a
     * reference without a sheet is to the formula's own sheet). Empty for constants.
     */
    public List<Reference> precedents(long revision, String sheet, int row, int col) {
        return precedents(revision, sheet, row, col, engine.names());
    }

    private List<Reference> precedents(long revision, String sheet, int row, int col, Map<String, String> names) {
        String formula = formula(revision, sheet, row, col);
        if (formula == null) {
            return List.of();
        }
        List<Reference> references = new ArrayList<>();
        new Collector(sheet, names, references).collect(FormulaParser.parse(formula), 0);
        return references;
    }

    /** A block of cells a formula refers to; a single cell when the corners coincide. */
    public record Reference(String sheet, int row1, int col1, int row2, int col2) {
        public boolean contains(String otherSheet, int row, int col) {
            return sheet.equals(otherSheet) && row >= row1 && row <= row2 && col >= col1 && col <= col2;
        }

        public long cellCount() {
            return (long) (row2 - row1 + 1) * (col2 - col1 + 1);
        }
    }

    /**
     * Gathers the references of a formula: cells and blocks anywhere in it (inside calls, a called
     * lambda and its arguments, an array formula), the area of a spill reference's anchor, and the
     * references of the defined names it uses (a sheet-scoped name before the workbook's).
     */
    private record Collector(String ownSheet, Map<String, String> names, List<Reference> out) {

        /** Names refer to names at most this deep (a name defined through itself stops here). */
        private static final int MAX_NAME_DEPTH = 16;

        void collect(Expr expr, int depth) {
            switch (expr) {
                case Expr.CellRef cell -> {
                    String sheet = cell.sheet() == null ? ownSheet : cell.sheet();
                    out.add(new Reference(sheet, cell.row(), cell.col(), cell.row(), cell.col()));
                }
                case Expr.AreaRef area -> {
                    String sheet = area.sheet() == null ? ownSheet : area.sheet();
                    out.add(new Reference(sheet, area.row1(), area.col1(), area.row2(), area.col2()));
                }
                case Expr.SpillRef spill -> collect(spill.anchor(), depth);
                case Expr.ArrayFormula array -> collect(array.formula(), depth);
                case Expr.Unary unary -> collect(unary.operand(), depth);
                case Expr.Percent percent -> collect(percent.operand(), depth);
                case Expr.Binary binary -> {
                    collect(binary.left(), depth);
                    collect(binary.right(), depth);
                }
                case Expr.Call call -> {
                    collectName(call.name(), depth);
                    call.args().forEach(arg -> collect(arg, depth));
                }
                case Expr.Apply apply -> {
                    collect(apply.function(), depth);
                    apply.args().forEach(arg -> collect(arg, depth));
                }
                case Expr.Name name -> collectName(name.name(), depth);
                default -> {}
            }
        }

        private void collectName(String name, int depth) {
            String formula = definition(name);
            if (formula == null || depth >= MAX_NAME_DEPTH) {
                return;
            }
            try {
                collect(FormulaParser.parse(formula), depth + 1);
            } catch (RuntimeException e) {
                // a name whose formula does not parse refers to nothing
            }
        }

        /** The formula of a name as seen from the formula's sheet: its sheet-scoped one first. */
        private String definition(String name) {
            String local = null;
            String global = null;
            for (Map.Entry<String, String> entry : names.entrySet()) {
                String key = entry.getKey();
                int bang = key.lastIndexOf('!');
                if (bang < 0) {
                    if (key.equalsIgnoreCase(name)) {
                        global = entry.getValue();
                    }
                } else if (key.substring(bang + 1).equalsIgnoreCase(name)
                        && unquoted(key.substring(0, bang)).equalsIgnoreCase(ownSheet)) {
                    local = entry.getValue();
                }
            }
            return local != null ? local : global;
        }

        private static String unquoted(String sheet) {
            return sheet.startsWith("'") && sheet.endsWith("'") && sheet.length() > 1
                    ? sheet.substring(1, sheet.length() - 1).replace("''", "'")
                    : sheet;
        }
    }

    /**
     * The formula cells whose formulas refer to this cell at a revision. Built from an index of
     * every formula's references, kept for the latest revision asked.
     */
    public List<int[]> dependents(long revision, String sheet, int row, int col) {
        if (dependentsIndexRevision != revision) {
            dependentsIndex = buildDependentsIndex(revision);
            dependentsIndexRevision = revision;
        }
        List<int[]> dependents = new ArrayList<>();
        for (Map.Entry<String, List<IndexedFormula>> entry : dependentsIndex.entrySet()) {
            int sheetIndex = engine.sheetNames().indexOf(entry.getKey());
            for (IndexedFormula formula : entry.getValue()) {
                for (Reference reference : formula.references()) {
                    if (reference.contains(sheet, row, col)) {
                        dependents.add(new int[] {sheetIndex, formula.row(), formula.col()});
                        break;
                    }
                }
            }
        }
        return dependents;
    }

    private record IndexedFormula(int row, int col, List<Reference> references) {}

    private long dependentsIndexRevision = -1;
    private Map<String, List<IndexedFormula>> dependentsIndex = Map.of();

    private Map<String, List<IndexedFormula>> buildDependentsIndex(long revision) {
        Map<String, List<IndexedFormula>> index = new LinkedHashMap<>();
        Map<String, String> names = engine.names();
        for (String sheet : engine.sheetNames()) {
            int[] size = engine.sheetSize(sheet);
            List<IndexedFormula> formulas = new ArrayList<>();
            for (int r = 0; r < size[0]; r++) {
                for (int c = 0; c < size[1]; c++) {
                    List<Reference> references = precedents(revision, sheet, r, c, names);
                    if (!references.isEmpty()) {
                        formulas.add(new IndexedFormula(r, c, references));
                    }
                }
            }
            index.put(sheet, formulas);
        }
        return index;
    }

    private long engineRevisionOf(long revision) {
        if (revision < base || revision > revision()) {
            throw new IllegalArgumentException(
                    "revision " + revision + " is not held (holding " + base + " to " + revision() + ")");
        }
        return engineRevision.get((int) (revision - base));
    }

    /** The engine takes doubles for numbers; JSON gives ints, longs and big decimals too. */
    static Object engineContent(Object content) {
        if (content instanceof Number number) {
            return number.doubleValue();
        }
        return content;
    }

    private static Object[][] toArray(List<List<Object>> rows) {
        Object[][] array = new Object[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            array[r] = new Object[row.size()];
            for (int c = 0; c < row.size(); c++) {
                array[r][c] = engineContent(row.get(c));
            }
        }
        return array;
    }
}
