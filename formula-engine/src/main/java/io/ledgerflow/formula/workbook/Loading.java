package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.ShapeScanner;
import io.ledgerflow.formula.value.Value;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loading a workbook's contents (one of {@link Workbook}'s jobs): constants straight into the cell
 * store, formulas collected per sheet, then parsed once per shape (README, invariant 11), compiled
 * and evaluated once. Single-threaded but for the parsing of many shapes.
 */
final class Loading {

    private final Workbook wb;

    Loading(Workbook wb) {
        this.wb = wb;
    }

    /**
     * Loads a whole sheet of contents (used when building an engine): constants are stored,
     * formulas are collected (unparsed) for {@link #finishLoad}; no recalculation yet.
     */
    void loadSheet(int sheet, Object[][] rows, IntList formulaCells, List<Object> formulaSources) {
        reserveColumns(wb.sheet(sheet), rows);
        for (int r = 0; r < rows.length; r++) {
            Object[] row = rows[r];
            if (row != null) {
                loadRow(sheet, r, row, formulaCells, formulaSources); // a method: see finishLoad
            }
        }
    }

    private void loadRow(int sheet, int r, Object[] row, IntList formulaCells, List<Object> formulaSources) {
        for (int c = 0; c < row.length; c++) {
            Object content = row[c];
            if (content == null) {
                continue;
            }
            if ((content instanceof String s && Workbook.isFormula(s)) || content instanceof Expr) {
                Workbook.checkPosition(sheet, r, c);
                formulaCells.add(wb.ensureCell(sheet, r, c));
                formulaSources.add(content);
            } else if (content instanceof Double d) {
                // a number stays unboxed (val() materialises the NumberValue if it is read)
                Workbook.checkPosition(sheet, r, c);
                int id = wb.ensureCell(sheet, r, c);
                wb.numeric[id] = true;
                wb.nums[id] = d;
                wb.values[id] = null;
            } else {
                Value v = Value.fromJava(content);
                if (!v.isEmpty()) {
                    Workbook.checkPosition(sheet, r, c);
                    wb.setValue(wb.ensureCell(sheet, r, c), v);
                }
            }
        }
    }

    private static void noteRow(Object[] row, int width, int rowCount, int[] last) {
        for (int c = 0; c < width; c++) {
            if (row[c] != null) {
                last[c] = rowCount;
            }
        }
    }

    /** Sizes a sheet's column arrays to the last non-empty row of each column of a load. */
    private static void reserveColumns(Sheet s, Object[][] rows) {
        int[] last = new int[16];
        int width = 0;
        for (int r = 0; r < rows.length; r++) {
            Object[] row = rows[r];
            if (row != null) {
                int w = Math.min(row.length, Expr.MAX_COL + 1);
                if (w > last.length) {
                    last = Arrays.copyOf(last, Math.max(w, last.length * 2));
                }
                noteRow(row, w, r + 1, last); // a method: see finishLoad
                width = Math.max(width, w);
            }
        }
        for (int c = 0; c < width; c++) {
            if (last[c] > 0) {
                s.reserve(c, Math.min(last[c], Expr.MAX_ROW + 1));
            }
        }
    }

    /**
     * A formula shape met during a load (see {@link FormulaParser#shapeKey}): the tree parsed from
     * its first formula (the owner, at {@code row}, {@code col}); the other formulas of the shape
     * compile that tree shifted by their offset from the owner instead of being parsed.
     */
    private static final class Shape {
        final int owner;
        final int row;
        final int col;
        Expr expr;
        boolean mixedAreas;

        Shape(int owner, int row, int col) {
            this.owner = owner;
            this.row = row;
            this.col = col;
        }
    }

    /**
     * Parses the collected formulas — once per distinct shape, on several threads when there are
     * many (parsing is pure) — compiles them, links ranges and evaluates everything once.
     */
    void finishLoad(IntList formulaCells, List<Object> formulaSources) {
        Load load = new Load(formulaCells, formulaSources);
        int n = formulaCells.size();
        // per-formula work in methods of their own: the interpreter compiles a method after a
        // few hundred calls, but a loop of a method called once only after tens of thousands of
        // iterations — and a load runs before the JIT compiler has seen any of it
        for (int i = 0; i < n; i++) {
            load.collect(i);
        }
        int m = load.toParse.size();
        if (m >= 4096 && wb.parallelism() > 1) {
            java.util.stream.IntStream.range(0, m).parallel().forEach(load::parse);
        } else {
            for (int k = 0; k < m; k++) {
                load.parse(k);
            }
        }
        wb.forgetCompileCaches();
        for (int i = 0; i < n; i++) {
            load.attach(i);
        }
        wb.forgetCompileCaches();
        IntList seeds = new IntList(n + 16);
        wb.ranges.linkPending(seeds);
        for (int i = 0; i < n; i++) {
            seeds.add(formulaCells.get(i));
        }
        wb.recalcSpilling(seeds);
        wb.forgetPrevious();
    }

    /** One load's formulas: their shapes, the trees parsed, then compiled and attached. */
    private final class Load {
        final IntList cells;
        final List<Object> sources;
        final Expr[] exprs;
        final Shape[] shapeOf;
        final IntList toParse = new IntList(16);
        final Map<String, Shape> shapes = new HashMap<>();
        final ShapeScanner scanner = new ShapeScanner();
        /** The last shape met and its key: a filled block's formulas mostly repeat it. */
        Shape lastShape;

        char[] lastKey = new char[64];
        int lastLen = -1;

        Load(IntList cells, List<Object> sources) {
            this.cells = cells;
            this.sources = sources;
            this.exprs = new Expr[cells.size()];
            this.shapeOf = new Shape[cells.size()];
        }

        /** Formula i: a tree already, a new shape (to parse), or one more formula of a known shape. */
        void collect(int i) {
            Object o = sources.get(i);
            if (o instanceof Expr e) {
                exprs[i] = e;
                return;
            }
            int id = cells.get(i);
            int len = scanner.scan((String) o, wb.cellRow(id), wb.cellCol(id));
            if (len < 0) {
                toParse.add(i);
                return;
            }
            char[] key = scanner.buffer();
            if (len == lastLen && Arrays.equals(key, 0, len, lastKey, 0, len)) {
                shapeOf[i] = lastShape; // the same shape as the formula before: no key string, no map lookup
                return;
            }
            shapeOf[i] = shape(i, id, key, len);
        }

        /** The shape of formula i by its key (a known one, or a new one, to parse). */
        private Shape shape(int i, int id, char[] key, int len) {
            String k = new String(key, 0, len);
            Shape sh = shapes.get(k);
            if (sh == null) {
                sh = new Shape(i, wb.cellRow(id), wb.cellCol(id));
                shapes.put(k, sh);
                toParse.add(i);
            }
            if (lastKey.length < len) {
                lastKey = new char[Math.max(len, 2 * lastKey.length)];
            }
            System.arraycopy(key, 0, lastKey, 0, len);
            lastLen = len;
            lastShape = sh;
            return sh;
        }

        /** Parses the k-th formula to parse (pure: may run on several threads). */
        void parse(int k) {
            int i = toParse.get(k);
            exprs[i] = FormulaParser.parse((String) sources.get(i));
        }

        /** Compiles formula i (its own tree, or its shape's tree shifted) and adds its edges. */
        void attach(int i) {
            int id = cells.get(i);
            Shape sh = shapeOf[i];
            if (sh == null || sh.owner == i) {
                if (sh != null) {
                    sh.expr = exprs[i];
                    sh.mixedAreas = hasMixedArea(exprs[i]);
                }
                wb.attachFormula(id, exprs[i], 0, 0);
                return;
            }
            int dr = wb.cellRow(id) - sh.row;
            int dc = wb.cellCol(id) - sh.col;
            if (sh.mixedAreas && !shiftable(sh.expr, dr, dc)) {
                wb.attachFormula(id, FormulaParser.parse((String) sources.get(i)), 0, 0);
            } else {
                wb.attachFormula(id, sh.expr, dr, dc);
            }
        }
    }

    /** Whether a tree has an area whose corners mix an absolute and a relative row (or column). */
    private static boolean hasMixedArea(Expr e) {
        if (e instanceof Expr.Apply) {
            return true; // a lambda call: parsed on its own (see shiftable)
        }
        if (e instanceof Expr.AreaRef a) {
            return a.row1Abs() != a.row2Abs() || a.col1Abs() != a.col2Abs();
        }
        if (e instanceof Expr.Binary b) {
            return hasMixedArea(b.left()) || hasMixedArea(b.right());
        }
        if (e instanceof Expr.Call c) {
            for (Expr x : c.args()) {
                if (hasMixedArea(x)) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof Expr.Unary u) {
            return hasMixedArea(u.operand());
        }
        if (e instanceof Expr.Percent p) {
            return hasMixedArea(p.operand());
        }
        return false;
    }

    /**
     * Whether shifting a shape's tree reproduces what parsing the shifted text gives. It does,
     * except in one case: an area with a mixed corner pair ({@code A$1:A5}) whose two rows (or
     * columns) differ in the tree but coincide after the shift — there the parser orders the
     * corners by their order in the text, which the tree no longer records.
     */
    private static boolean shiftable(Expr e, int dr, int dc) {
        if (e instanceof Expr.Apply) {
            return false; // rare in a file: not worth shifting
        }
        if (e instanceof Expr.AreaRef a) {
            if (a.row1Abs() != a.row2Abs() && a.row1() != a.row2()) {
                int p = a.row1Abs() ? a.row1() : a.row1() + dr;
                int q = a.row2Abs() ? a.row2() : a.row2() + dr;
                if (p == q) {
                    return false;
                }
            }
            if (a.col1Abs() != a.col2Abs() && a.col1() != a.col2()) {
                int p = a.col1Abs() ? a.col1() : a.col1() + dc;
                int q = a.col2Abs() ? a.col2() : a.col2() + dc;
                return p != q;
            }
            return true;
        }
        if (e instanceof Expr.Binary b) {
            return shiftable(b.left(), dr, dc) && shiftable(b.right(), dr, dc);
        }
        if (e instanceof Expr.Call c) {
            for (Expr x : c.args()) {
                if (!shiftable(x, dr, dc)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof Expr.Unary u) {
            return shiftable(u.operand(), dr, dc);
        }
        if (e instanceof Expr.Percent p) {
            return shiftable(p.operand(), dr, dc);
        }
        return true;
    }
}
