package io.ledgerflow.formula;

import io.ledgerflow.formula.eval.Node;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.workbook.Structure;
import io.ledgerflow.formula.workbook.Workbook;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedding API of the formula engine: a workbook of named sheets whose cells hold constants
 * or Excel formulas, recalculated incrementally on every edit. Every edit yields a new revision;
 * earlier revisions stay readable ({@link #getValue(long, String, int, int)}).
 *
 * <p>Rows and columns are 0-based (A1 is row 0, column 0). Contents are {@link Number}, {@link
 * String}, {@link Boolean}, null (empty), or a String starting with "=" (a formula). Values are
 * {@link Value}s. An engine is not thread-safe: one writer at a time, reads between writes; the
 * recalculation inside an edit uses several threads.
 */
public final class FormulaEngine {

    private final FunctionRegistry functions;
    private final int parallelism;
    private final Today today;
    private final Map<String, String> names;
    private final boolean date1904;
    private Workbook wb;
    private long revision;
    /** Revision history: one epoch per workbook instance (structural edits start a new one). */
    private final List<Epoch> epochs = new ArrayList<>();

    /**
     * Old values and contents of the cells one revision changed. The value part is sorted by cell
     * id lazily, on the first as-of read that needs it, so edits do not pay for sorting.
     */
    private static final class Delta {
        private int[] cells;
        private double[] oldNumbers;
        private Value[] oldValues;
        private boolean sorted;
        final int[] contentCells;
        final Object[] oldContents;

        Delta(int[] cells, double[] oldNumbers, Value[] oldValues, int[] contentCells, Object[] oldContents) {
            this.cells = cells;
            this.oldNumbers = oldNumbers;
            this.oldValues = oldValues;
            this.contentCells = contentCells;
            this.oldContents = oldContents;
        }

        /** The old value of a cell in this delta, or null if the revision did not change it. */
        synchronized Value oldValue(int cell) {
            if (!sorted) {
                int n = cells.length;
                long[] keyed = new long[n];
                for (int i = 0; i < n; i++) {
                    keyed[i] = ((long) cells[i] << 32) | i;
                }
                Arrays.sort(keyed);
                int[] c = new int[n];
                double[] d = new double[n];
                Value[] o = new Value[n];
                for (int i = 0; i < n; i++) {
                    c[i] = (int) (keyed[i] >>> 32);
                    d[i] = oldNumbers[(int) keyed[i]];
                    o[i] = oldValues[(int) keyed[i]];
                }
                cells = c;
                oldNumbers = d;
                oldValues = o;
                sorted = true;
            }
            int k = Arrays.binarySearch(cells, cell);
            if (k < 0) {
                return null;
            }
            return oldValues[k] != null ? oldValues[k] : NumberValue.of(oldNumbers[k]);
        }
    }

    private static final class Epoch {
        final Workbook wb;
        final long first;
        final List<Delta> deltas = new ArrayList<>();

        Epoch(Workbook wb, long first) {
            this.wb = wb;
            this.first = first;
        }
    }

    private FormulaEngine(Builder b) {
        this.functions = b.functions;
        this.parallelism = b.parallelism;
        this.today = new Today(b.today, b.createdMillis);
        this.names = new LinkedHashMap<>(b.names);
        this.date1904 = b.date1904;
        this.wb = build(b.sheets);
        epochs.add(new Epoch(wb, 0));
    }

    Workbook build(Map<String, Object[][]> sheets) {
        Workbook w = new Workbook(functions, parallelism, today);
        w.date1904(date1904);
        for (String s : sheets.keySet()) {
            w.addSheet(s);
        }
        for (Map.Entry<String, String> name : names.entrySet()) {
            w.defineName(name.getKey(), name.getValue());
        }
        int contents = 0;
        for (Object[][] rows : sheets.values()) {
            for (Object[] row : rows) {
                contents += countContents(row); // a method per row: compiled early (see Workbook.finishLoad)
            }
        }
        w.reserve(contents);
        IntList cells = new IntList(Math.max(16, contents));
        List<Object> sources = new ArrayList<>(Math.max(16, contents));
        for (Map.Entry<String, Object[][]> e : sheets.entrySet()) {
            w.loadSheet(w.sheetIndex(e.getKey()), e.getValue(), cells, sources);
        }
        w.finishLoad(cells, sources);
        return w;
    }

    /**
     * What TODAY() returns: the builder's date, else the date (default time zone) when the builder
     * was created. That date is worked out on first use: the first {@code LocalDate.now()} of a
     * JVM loads the time-zone rules, some 20 ms that a workbook without date functions need not
     * pay.
     */
    private static final class Today implements java.util.function.Supplier<LocalDate> {
        private final long millis;
        private volatile LocalDate date;

        Today(LocalDate date, long millis) {
            this.date = date;
            this.millis = millis;
        }

        @Override
        public LocalDate get() {
            LocalDate d = date;
            if (d == null) {
                d = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(millis), java.time.ZoneId.systemDefault());
                date = d;
            }
            return d;
        }
    }

    private static int countContents(Object[] row) {
        int n = 0;
        if (row != null) {
            for (Object o : row) {
                if (o != null) {
                    n++;
                }
            }
        }
        return n;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An engine over the given sheets (in iteration order) with the default functions. */
    public static FormulaEngine of(Map<String, Object[][]> sheets) {
        Builder b = builder();
        sheets.forEach(b::sheet);
        return b.build();
    }

    /** Builds an engine: sheets, names, functions, threads, the date TODAY() returns. */
    public static final class Builder {
        private final Map<String, Object[][]> sheets = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private FunctionRegistry functions = FunctionRegistry.builtins();
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private LocalDate today;
        private boolean date1904;
        private final long createdMillis = System.currentTimeMillis();

        public Builder sheet(String name, Object[][] contents) {
            sheets.put(Objects.requireNonNull(name), contents == null ? new Object[0][] : contents);
            return this;
        }

        /**
         * A named expression, e.g. {@code name("TaxRate", "=Rates!$B$1")}; {@code "Q1!TaxRate"} scopes it
         * to sheet Q1, where it shadows a workbook-level name of the same spelling.
         */
        public Builder name(String name, String formula) {
            names.put(name, formula);
            return this;
        }

        public Builder functions(FunctionRegistry registry) {
            this.functions = registry;
            return this;
        }

        /** Threads used for recalculating wide sets of ready nodes (1 = single-threaded). */
        public Builder parallelism(int threads) {
            this.parallelism = Math.max(1, threads);
            return this;
        }

        public Builder today(LocalDate date) {
            this.today = date;
            return this;
        }

        /**
         * The 1904 date system (serial 0 is 1904-01-01), as a file saved with it counts dates: date
         * functions read and return serials of that system. The 1900 system by default.
         */
        public Builder date1904(boolean date1904) {
            this.date1904 = date1904;
            return this;
        }

        public FormulaEngine build() {
            if (sheets.isEmpty()) {
                sheets.put("Sheet1", new Object[0][]);
            }
            return new FormulaEngine(this);
        }
    }

    // ---- reads ---------------------------------------------------------------------------------

    public List<String> sheetNames() {
        List<String> l = new ArrayList<>(wb.sheetCount());
        for (int i = 0; i < wb.sheetCount(); i++) {
            l.add(wb.sheetName(i));
        }
        return l;
    }

    /** Number of used rows and columns of a sheet ({rows, cols}). */
    public int[] sheetSize(String sheet) {
        int[] e = wb.extent(sheetIndex(sheet));
        return new int[] {e[0] + 1, e[1] + 1};
    }

    private int sheetIndex(String sheet) {
        int s = wb.sheetIndex(sheet);
        if (s < 0) {
            throw new IllegalArgumentException("No such sheet: " + sheet);
        }
        return s;
    }

    /** The current value of a cell (empty cells: {@link EmptyValue}). */
    public Value getValue(String sheet, int row, int col) {
        return wb.valueAt(sheetIndex(sheet), row, col);
    }

    public Value getValue(CellAddress a) {
        return getValue(a.sheet(), a.row(), a.col());
    }

    /** The formula of a cell in canonical form ("=A1+1"), or null if it holds none. */
    public String getFormula(String sheet, int row, int col) {
        return wb.formulaAt(sheetIndex(sheet), row, col);
    }

    /**
     * The content as given to the engine: Double, String, Boolean, null, "=formula" or an array
     * formula "{=formula}". A cell showing an element of another cell's spilled array has no
     * content of its own (null).
     */
    public Object getContent(String sheet, int row, int col) {
        String f = getFormula(sheet, row, col);
        if (f != null) {
            return f;
        }
        return wb.isSpilled(sheetIndex(sheet), row, col)
                ? null
                : getValue(sheet, row, col).toJava();
    }

    /**
     * The area a dynamic array spills over from the formula at a position, as {rows, columns}
     * (1x1 for a formula whose array is a single value), or null when the cell spills nothing (no
     * array formula, or a blocked one: its value is {@code #SPILL!}).
     */
    public int[] spillArea(String sheet, int row, int col) {
        return wb.spillArea(sheetIndex(sheet), row, col);
    }

    /** Whether the cell shows an element of a dynamic array spilled from another cell. */
    public boolean isSpilled(String sheet, int row, int col) {
        return wb.isSpilled(sheetIndex(sheet), row, col);
    }

    /** Whether the workbook counts dates in the 1904 date system. */
    public boolean date1904() {
        return date1904;
    }

    /** Defined names and their formulas. */
    public Map<String, String> names() {
        return wb.names();
    }

    // ---- edits ---------------------------------------------------------------------------------

    /** One cell's new content for {@link #setCells}. */
    public record CellUpdate(String sheet, int row, int col, Object content) {}

    public ChangeSet setCell(String sheet, int row, int col, Object content) {
        return setCells(List.of(new CellUpdate(sheet, row, col, content)));
    }

    /** Sets a block of contents with its top-left corner at (row, col). Null entries clear cells. */
    public ChangeSet setBlock(String sheet, int row, int col, Object[][] contents) {
        List<CellUpdate> list = new ArrayList<>();
        for (int r = 0; r < contents.length; r++) {
            for (int c = 0; c < contents[r].length; c++) {
                list.add(new CellUpdate(sheet, row + r, col + c, contents[r][c]));
            }
        }
        return setCells(list);
    }

    /** Applies several cell edits as one revision. */
    public ChangeSet setCells(List<CellUpdate> updates) {
        List<Workbook.CellEdit> edits = new ArrayList<>(updates.size());
        for (CellUpdate u : updates) {
            edits.add(new Workbook.CellEdit(sheetIndex(u.sheet()), u.row(), u.col(), u.content()));
        }
        Workbook.EditResult r = wb.apply(edits, false);
        return commit(r);
    }

    /** Recalculates every formula from scratch (a new revision; normally never needed). */
    public ChangeSet recalculateAll() {
        return commit(wb.apply(List.of(), true));
    }

    private ChangeSet commit(Workbook.EditResult r) {
        revision++;
        List<Workbook.ContentChange> cc = new ArrayList<>(r.contents());
        cc.sort((a, b) -> Integer.compare(a.cell(), b.cell()));
        // keep the first (oldest) content per cell
        List<Workbook.ContentChange> dedup = new ArrayList<>(cc.size());
        for (Workbook.ContentChange c : cc) {
            if (dedup.isEmpty() || dedup.get(dedup.size() - 1).cell() != c.cell()) {
                dedup.add(c);
            }
        }
        int[] contentCells = new int[dedup.size()];
        Object[] oldContents = new Object[dedup.size()];
        for (int i = 0; i < dedup.size(); i++) {
            contentCells[i] = dedup.get(i).cell();
            oldContents[i] = dedup.get(i).oldContent();
        }
        current().deltas.add(new Delta(r.changedCells(), r.oldNumbers(), r.oldValues(), contentCells, oldContents));
        return new ChangeSet(
                revision, wb, r.changedCells(), r.oldNumbers(), r.oldValues(), r.newNumbers(), r.newValues());
    }

    private Epoch current() {
        return epochs.get(epochs.size() - 1);
    }

    // ---- structural edits ----------------------------------------------------------------------

    /** Where a cell goes in a structural edit: new sheet name and position, or null (dropped). */
    @FunctionalInterface
    private interface CellMover {
        CellAddress move(String sheet, int row, int col);
    }

    /** Inserts {@code count} empty rows before row {@code at} (0-based); references follow. */
    public ChangeSet insertRows(String sheet, int at, int count) {
        return shiftEdit(sheet, at, count, true, true);
    }

    /** Deletes rows {@code at .. at+count-1}; references to them become #REF!. */
    public ChangeSet deleteRows(String sheet, int at, int count) {
        return shiftEdit(sheet, at, count, true, false);
    }

    /** Inserts {@code count} empty columns before column {@code at}. */
    public ChangeSet insertColumns(String sheet, int at, int count) {
        return shiftEdit(sheet, at, count, false, true);
    }

    /** Deletes columns {@code at .. at+count-1}; references to them become #REF!. */
    public ChangeSet deleteColumns(String sheet, int at, int count) {
        return shiftEdit(sheet, at, count, false, false);
    }

    private ChangeSet shiftEdit(String sheet, int at, int count, boolean rows, boolean insert) {
        String s = canonicalSheet(sheet);
        checkCount(at, count);
        Structure.RefMap map = rows
                ? (insert ? Structure.insertRows(s, at, count) : Structure.deleteRows(s, at, count))
                : (insert ? Structure.insertColumns(s, at, count) : Structure.deleteColumns(s, at, count));
        int delta = insert ? count : -count;
        return restructure(
                sheetNames(),
                map,
                (sh, r, c) -> {
                    int v = rows ? r : c;
                    if (!sh.equals(s) || v < at) {
                        return new CellAddress(sh, r, c);
                    }
                    if (!insert && v < at + count) {
                        return null; // deleted
                    }
                    return rows ? shifted(sh, r + delta, c) : shifted(sh, r, c + delta);
                },
                Map.of());
    }

    /** Adds a sheet (after the others); formulas that referred to that name start resolving. */
    public ChangeSet addSheet(String name, Object[][] contents) {
        if (wb.sheetIndex(name) >= 0) {
            throw new IllegalArgumentException("Sheet exists: " + name);
        }
        List<String> order = new ArrayList<>(sheetNames());
        order.add(name);
        return restructure(
                order,
                Structure.renameSheet(name, name),
                CellAddressMover.IDENTITY,
                Map.of(name, contents == null ? new Object[0][] : contents));
    }

    /** Renames a sheet; references to it are renamed too. */
    public ChangeSet renameSheet(String from, String to) {
        String f = canonicalSheet(from);
        if (wb.sheetIndex(to) >= 0 && !to.equalsIgnoreCase(f)) {
            throw new IllegalArgumentException("Sheet exists: " + to);
        }
        List<String> order = new ArrayList<>();
        for (String s : sheetNames()) {
            order.add(s.equals(f) ? to : s);
        }
        rescopeNames(f, to);
        return restructure(
                order,
                Structure.renameSheet(f, to),
                (sh, r, c) -> new CellAddress(sh.equals(f) ? to : sh, r, c),
                Map.of());
    }

    /**
     * Puts the sheets in a new order (every sheet named once). Values and references do not
     * change: references name sheets, not positions.
     */
    public ChangeSet reorderSheets(List<String> order) {
        List<String> current = sheetNames();
        List<String> canonical = new ArrayList<>(order.size());
        for (String name : order) {
            canonical.add(canonicalSheet(name));
        }
        if (canonical.size() != current.size() || !new java.util.HashSet<>(canonical).containsAll(current)) {
            throw new IllegalArgumentException("A new order names every sheet once: " + current);
        }
        String first = canonical.get(0);
        return restructure(canonical, Structure.renameSheet(first, first), CellAddressMover.IDENTITY, Map.of());
    }

    /** Moves the names scoped to sheet {@code from} to sheet {@code to}, or drops them (null). */
    private void rescopeNames(String from, String to) {
        String prefix = Workbook.nameKey(from + "!x");
        prefix = prefix.substring(0, prefix.length() - 1);
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            String k = Workbook.nameKey(e.getKey());
            if (!k.startsWith(prefix) || k.indexOf('!', prefix.length()) >= 0) {
                kept.put(e.getKey(), e.getValue());
            } else if (to != null) {
                kept.put(quoteSheet(to) + "!" + e.getKey().substring(e.getKey().lastIndexOf('!') + 1), e.getValue());
            }
        }
        names.clear();
        names.putAll(kept);
    }

    private static String quoteSheet(String sheet) {
        return sheet.matches("[A-Za-z_][A-Za-z0-9_.]*") ? sheet : "'" + sheet.replace("'", "''") + "'";
    }

    /** Removes a sheet; references to it become #REF!. */
    public ChangeSet removeSheet(String name) {
        String n = canonicalSheet(name);
        List<String> order = new ArrayList<>(sheetNames());
        order.remove(n);
        if (order.isEmpty()) {
            throw new IllegalArgumentException("Cannot remove the last sheet");
        }
        rescopeNames(n, null);
        return restructure(
                order,
                Structure.removeSheet(n),
                (sh, r, c) -> sh.equals(n) ? null : new CellAddress(sh, r, c),
                Map.of());
    }

    /**
     * Moves (cuts and pastes) the area rows r1..r2, columns c1..c2 of {@code fromSheet} so that
     * its top-left cell lands on (toRow, toCol) of {@code toSheet}. References into the area
     * follow it; references to overwritten cells become #REF!.
     */
    public ChangeSet moveRange(String fromSheet, int r1, int c1, int r2, int c2, String toSheet, int toRow, int toCol) {
        String f = canonicalSheet(fromSheet);
        String t = canonicalSheet(toSheet);
        int dr = toRow - r1;
        int dc = toCol - c1;
        if (r1 > r2 || c1 > c2 || r2 + dr > Expr.MAX_ROW || c2 + dc > Expr.MAX_COL || toRow < 0 || toCol < 0) {
            throw new IllegalArgumentException("Invalid move");
        }
        return restructure(
                sheetNames(),
                Structure.moveRange(f, r1, c1, r2, c2, t, toRow, toCol),
                (sh, r, c) -> {
                    if (sh.equals(f) && r >= r1 && r <= r2 && c >= c1 && c <= c2) {
                        return new CellAddress(t, r + dr, c + dc);
                    }
                    if (sh.equals(t) && r >= r1 + dr && r <= r2 + dr && c >= c1 + dc && c <= c2 + dc) {
                        return null;
                    }
                    return new CellAddress(sh, r, c);
                },
                Map.of());
    }

    /**
     * Defines or redefines a name (e.g. {@code "=Rates!$B$1"}): workbook-level, or scoped to one sheet
     * when written {@code Sheet!Name} (it shadows the workbook-level name on that sheet; an unknown
     * sheet throws {@code IllegalArgumentException}); formulas using it are recompiled. A malformed formula throws {@code ParseException} and changes nothing.
     */
    public ChangeSet defineName(String name, String formula) {
        FormulaParser.parse(formula);
        int bang = name.lastIndexOf('!');
        if (bang >= 0) {
            String sheet =
                    Workbook.nameKey(name).substring(0, Workbook.nameKey(name).lastIndexOf('!'));
            if (bang == 0 || wb.sheetIndex(sheet) < 0) {
                throw new IllegalArgumentException("No sheet for the name " + name);
            }
        }
        names.keySet().removeIf(n -> Workbook.nameKey(n).equals(Workbook.nameKey(name)));
        names.put(name, formula);
        return restructure(sheetNames(), Structure.renameSheet("", ""), CellAddressMover.IDENTITY, Map.of());
    }

    /** Removes a name; formulas using it evaluate to #NAME?. */
    public ChangeSet removeName(String name) {
        names.keySet().removeIf(n -> Workbook.nameKey(n).equals(Workbook.nameKey(name)));
        return restructure(sheetNames(), Structure.renameSheet("", ""), CellAddressMover.IDENTITY, Map.of());
    }

    private enum CellAddressMover implements CellMover {
        IDENTITY;

        @Override
        public CellAddress move(String sheet, int row, int col) {
            return new CellAddress(sheet, row, col);
        }
    }

    private static CellAddress shifted(String sheet, int row, int col) {
        return row > Expr.MAX_ROW || col > Expr.MAX_COL ? null : new CellAddress(sheet, row, col);
    }

    private static void checkCount(int at, int count) {
        if (at < 0 || count < 1) {
            throw new IllegalArgumentException("Invalid position or count");
        }
    }

    private String canonicalSheet(String sheet) {
        return wb.sheetName(sheetIndex(sheet));
    }

    private ChangeSet restructure(
            List<String> order, Structure.RefMap map, CellMover mover, Map<String, Object[][]> added) {
        Workbook old = wb;
        Map<String, Map<Long, Object>> cells = new LinkedHashMap<>();
        for (String s : order) {
            cells.put(s, new java.util.HashMap<>());
        }
        old.forEachContent((sheet, row, col, content) -> {
            String host = old.sheetName(sheet);
            CellAddress to = mover.move(host, row, col);
            if (to == null) {
                return;
            }
            Object c = content instanceof Expr e ? Structure.transform(e, host, to.sheet(), map) : content;
            cells.get(to.sheet()).put(((long) to.row() << 20) | to.col(), c);
        });
        Map<String, String> newNames = new LinkedHashMap<>();
        names.forEach((n, f) ->
                newNames.put(n, FormulaPrinter.print(Structure.transform(FormulaParser.parse(f), "", "", map))));
        names.clear();
        names.putAll(newNames);
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        for (String s : order) {
            Object[][] add = added.get(s);
            sheets.put(s, add != null ? add : toArray(cells.get(s)));
        }
        Workbook fresh = build(sheets);
        // values that differ at the same address, old or new
        Map<CellAddress, Value[]> diff = new LinkedHashMap<>();
        fresh.forEachValue((sheet, row, col, v) -> {
            String name = fresh.sheetName(sheet);
            int os = old.sheetIndex(name);
            Value before = os < 0 ? EmptyValue.INSTANCE : old.valueAt(os, row, col);
            if (!before.equals(v)) {
                diff.put(new CellAddress(name, row, col), new Value[] {before, (Value) v});
            }
        });
        old.forEachValue((sheet, row, col, v) -> {
            String name = old.sheetName(sheet);
            int ns = fresh.sheetIndex(name);
            Value after = ns < 0 ? EmptyValue.INSTANCE : fresh.valueAt(ns, row, col);
            if (!after.equals(v)) {
                diff.putIfAbsent(new CellAddress(name, row, col), new Value[] {(Value) v, after});
            }
        });
        wb = fresh;
        revision++;
        epochs.add(new Epoch(fresh, revision));
        List<CellAddress> addrs = new ArrayList<>(diff.keySet());
        Value[] olds = new Value[addrs.size()];
        Value[] news = new Value[addrs.size()];
        int i = 0;
        for (Value[] pair : diff.values()) {
            olds[i] = pair[0];
            news[i++] = pair[1];
        }
        return new ChangeSet(revision, addrs, olds, news);
    }

    private static Object[][] toArray(Map<Long, Object> cells) {
        int maxRow = -1;
        for (long k : cells.keySet()) {
            maxRow = Math.max(maxRow, (int) (k >>> 20));
        }
        Object[][] rows = new Object[maxRow + 1][];
        int[] width = new int[maxRow + 1];
        for (long k : cells.keySet()) {
            int r = (int) (k >>> 20);
            width[r] = Math.max(width[r], (int) (k & 0xFFFFF) + 1);
        }
        for (Map.Entry<Long, Object> e : cells.entrySet()) {
            int r = (int) (e.getKey() >>> 20);
            if (rows[r] == null) {
                rows[r] = new Object[width[r]];
            }
            rows[r][(int) (e.getKey() & 0xFFFFF)] = e.getValue();
        }
        return rows;
    }

    // ---- revisions -----------------------------------------------------------------------------

    /** The current revision: 0 after building, +1 per edit. */
    public long revision() {
        return revision;
    }

    private Epoch epochOf(long rev) {
        if (rev < 0 || rev > revision) {
            throw new IllegalArgumentException("No such revision: " + rev);
        }
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (epochs.get(i).first <= rev) {
                return epochs.get(i);
            }
        }
        throw new IllegalStateException();
    }

    /** The value a cell had at an earlier (or the current) revision. */
    public Value getValue(long rev, String sheet, int row, int col) {
        Epoch e = epochOf(rev);
        int s = e.wb.sheetIndex(sheet);
        if (s < 0) {
            return EmptyValue.INSTANCE;
        }
        int id = e.wb.cellId(s, row, col);
        if (id < 0) {
            return EmptyValue.INSTANCE;
        }
        for (int i = (int) (rev - e.first); i < e.deltas.size(); i++) {
            Value old = e.deltas.get(i).oldValue(id);
            if (old != null) {
                return old;
            }
        }
        return e.wb.valueAt(s, row, col);
    }

    /** The formula a cell held at a revision, or null. */
    public String getFormula(long rev, String sheet, int row, int col) {
        Epoch e = epochOf(rev);
        int s = e.wb.sheetIndex(sheet);
        if (s < 0) {
            return null;
        }
        int id = e.wb.cellId(s, row, col);
        if (id < 0) {
            return null;
        }
        for (int i = (int) (rev - e.first); i < e.deltas.size(); i++) {
            Delta d = e.deltas.get(i);
            int k = Arrays.binarySearch(d.contentCells, id);
            if (k >= 0) {
                Object old = d.oldContents[k];
                return old instanceof Node n ? FormulaPrinter.print(e.wb.exprOf(n, s)) : null;
            }
        }
        return e.wb.formulaAt(s, row, col);
    }

    /** One point of a cell's history: the revision and the value from that revision on. */
    public record HistoryEntry(long revision, Value value) {}

    /** The values a cell took, revision by revision (only revisions where it changed). */
    public List<HistoryEntry> history(String sheet, int row, int col) {
        List<HistoryEntry> out = new ArrayList<>();
        Value last = null;
        for (long r = 0; r <= revision; r++) {
            Value v = getValue(r, sheet, row, col);
            if (!v.equals(last)) {
                out.add(new HistoryEntry(r, v));
                last = v;
            }
        }
        return out;
    }

    // ---- diagnostics ---------------------------------------------------------------------------

    /** Graph statistics: {nodes, edges, range nodes}. */
    public long[] graphStats() {
        return new long[] {wb.nodeCount(), wb.edgeCount(), wb.rangeNodeCount()};
    }

    Workbook workbook() {
        return wb;
    }
}
