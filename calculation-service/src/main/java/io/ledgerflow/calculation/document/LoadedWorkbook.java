package io.ledgerflow.calculation.document;

import io.ledgerflow.formula.ChangeSet;
import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.Value;
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
    /** engineRevision.get(r - 1) is the engine revision holding workbook revision r. */
    private final List<Long> engineRevision = new ArrayList<>();

    private LoadedWorkbook(FormulaEngine engine) {
        this.engine = engine;
        this.engineRevision.add(engine.revision());
    }

    /** Builds revision 1 from the workbook's creating operation. */
    public static LoadedWorkbook create(Operation.Create create) {
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        create.sheets().forEach((name, rows) -> sheets.put(name, toArray(rows)));
        return new LoadedWorkbook(FormulaEngine.of(sheets));
    }

    /** The latest revision held. */
    public long revision() {
        return engineRevision.size();
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
            case Operation.Delete delete -> null;
            case Operation.Create create ->
                throw new IllegalArgumentException("a workbook is created once, at revision 1");
        };
        engineRevision.add(engine.revision());
        return changes;
    }

    public List<String> sheetNames() {
        return engine.sheetNames();
    }

    public boolean hasSheet(String sheet) {
        return engine.sheetNames().contains(sheet);
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
        return formula.startsWith("=") ? formula : "=" + formula;
    }

    /** The content as a user wrote it: the formula, or the constant value. */
    public Object content(long revision, String sheet, int row, int col) {
        String formula = formula(revision, sheet, row, col);
        return formula != null ? formula : value(revision, sheet, row, col).toJava();
    }

    private long engineRevisionOf(long revision) {
        if (revision < 1 || revision > engineRevision.size()) {
            throw new IllegalArgumentException("revision " + revision + " is not held");
        }
        return engineRevision.get((int) revision - 1);
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
