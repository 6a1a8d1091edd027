package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A range as a vertex of the dependency graph. Cells of the range point to it, formulas reading
 * the range depend on it: k formulas over an n-cell range cost n + k edges, not n * k. When a range
 * with the same columns and first row but fewer rows exists (A$1:A9 for A$1:A10), the node depends
 * on that smaller node plus its own extra rows only, so a column of growing prefix sums costs O(n)
 * edges and O(1) work per node. The node keeps SUM statistics (from the sub-range's plus its own
 * rows, in row-major order, hence bit-identical to a direct scan) and a memo of derived indexes
 * (lookup hashes, SUMIF groups) that is dropped whenever a cell of the range changes.
 */
public final class RangeNode implements Grid {

    final Workbook wb;
    final int id;
    final int sheet;
    final int r1;
    final int c1;
    final int r2;
    final int c2;
    RangeNode sub;
    int ownR1;
    int refCount;
    boolean linked;
    /** Index in its sheet's {@link Sheet#ranges} while linked, else -1. */
    int sheetSlot = -1;

    // SUM statistics; written when the node is recomputed, read by nodes evaluated after it (on
    // the same thread, or after a parallel batch's hand-off, which orders the accesses).
    private double sum;
    private int count;
    private ErrorValue error;
    private volatile long version;
    /** Created on first use: most range nodes (a column of prefix sums) never memoise anything. */
    private volatile Map<Object, Object[]> memo;
    /** Objects kept across changes ({@link #keep}); created on first use. */
    private volatile Map<Object, Object> kept;
    /** The cells that changed, once someone asked for them ({@link #trackChanges}). */
    private volatile ChangeLog changes;

    RangeNode(Workbook wb, int id, int sheet, int r1, int c1, int r2, int c2) {
        this.wb = wb;
        this.id = id;
        this.sheet = sheet;
        this.r1 = r1;
        this.c1 = c1;
        this.r2 = r2;
        this.c2 = c2;
        this.ownR1 = r1;
    }

    int lastRow() {
        if (r2 == Expr.MAX_ROW) {
            return Math.min(r2, wb.sheet(sheet).maxRow);
        }
        return r2;
    }

    int lastCol() {
        if (c2 == Expr.MAX_COL) {
            return Math.min(c2, wb.sheet(sheet).maxCol);
        }
        return c2;
    }

    boolean ownContains(int row, int col) {
        return row >= ownR1 && row <= r2 && col >= c1 && col <= c2;
    }

    /** Recomputes the SUM statistics from the sub-range and the own rows; drops memos. */
    void recompute() {
        compute(sub, ownR1);
    }

    /**
     * Recomputes the SUM statistics from every row, without the sub-range's (not current yet when
     * both are on one cycle); the same figures in the same order as {@link #recompute}.
     */
    void rescan() {
        compute(null, r1);
    }

    private void compute(RangeNode from, int firstRow) {
        // when tracked, the cells that changed are logged on the way: an edit records the old
        // value of each cell it changes (prevState), so those are the ones
        ChangeLog log = changes;
        IntList changed = log == null ? null : new IntList(4);
        int width = cols();
        byte[] prevState = wb.changesTracked ? wb.prevState : null;
        if (changed != null && prevState != null && from != null) {
            logChanged(r1, firstRow - 1, width, prevState, changed);
        }
        double sum = 0;
        int count = 0;
        ErrorValue err = null;
        if (from != null) {
            sum = from.sum;
            count = from.count;
            err = from.error;
        }
        Sheet sh = wb.sheet(sheet);
        int lastRow = lastRow();
        int lastCol = Math.min(lastCol(), sh.columnCount() - 1);
        Value[] values = wb.values;
        boolean[] numeric = wb.numeric;
        double[] nums = wb.nums;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = c1; c <= lastCol; c++) {
                int id = sh.get(r, c);
                if (id < 0) {
                    continue;
                }
                if (changed != null && prevState != null && prevState[id] != 0) {
                    changed.add((r - r1) * width + (c - c1));
                }
                if (numeric[id]) {
                    sum += nums[id];
                    count++;
                } else if (err == null && values[id] instanceof ErrorValue e) {
                    err = e;
                }
            }
        }
        this.sum = sum;
        this.count = count;
        this.error = err;
        bump();
        if (changed != null) {
            synchronized (this) {
                if (prevState == null) {
                    log.unknownUpTo(version);
                } else {
                    log.record(version, width, changed);
                }
            }
        }
    }

    /** Adds the positions of the cells of rows from..to that the edit changed. */
    private void logChanged(int from, int to, int width, byte[] prevState, IntList changed) {
        Sheet sh = wb.sheet(sheet);
        int lastCol = Math.min(lastCol(), sh.columnCount() - 1);
        for (int r = from; r <= to; r++) {
            for (int c = c1; c <= lastCol; c++) {
                int id = sh.get(r, c);
                if (id >= 0 && prevState[id] != 0) {
                    changed.add((r - r1) * width + (c - c1));
                }
            }
        }
    }

    private void bump() {
        Map<Object, Object[]> m = memo;
        if (m != null && !m.isEmpty()) {
            m.clear();
        }
        version++;
    }

    @Override
    public int rows() {
        return Math.max(0, lastRow() - r1 + 1);
    }

    @Override
    public int cols() {
        return Math.max(0, lastCol() - c1 + 1);
    }

    @Override
    public Value get(int row, int col) {
        return wb.valueAt(sheet, r1 + row, c1 + col);
    }

    @Override
    public double number(int row, int col) {
        int id = wb.sheet(sheet).get(r1 + row, c1 + col);
        return id >= 0 && wb.numeric[id] ? wb.nums[id] : Double.NaN;
    }

    @Override
    public Reference reference() {
        return new Reference(sheet, r1, c1, r2, c2);
    }

    /** The sum of the numbers, or NaN when the range holds an error. */
    double sumIfNoError() {
        return error == null ? sum : Double.NaN;
    }

    @Override
    public SumStats sumStats() {
        return new SumStats(sum, count, error);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, long stamp, Function<Grid, T> builder) {
        // Builders are pure, so two threads racing here compute the same value; no lock needed.
        Map<Object, Object[]> m = memo;
        if (m == null) {
            synchronized (this) {
                m = memo;
                if (m == null) {
                    m = new ConcurrentHashMap<>();
                    memo = m;
                }
            }
        }
        Object[] e = m.get(key);
        if (e != null && (long) e[0] == stamp) {
            return (T) e[1];
        }
        T v = builder.apply(this);
        m.put(key, new Object[] {stamp, v});
        return v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T keep(Object key, java.util.function.Supplier<T> factory) {
        Map<Object, Object> k = kept;
        if (k == null) {
            synchronized (this) {
                k = kept;
                if (k == null) {
                    k = new ConcurrentHashMap<>();
                    kept = k;
                }
            }
        }
        return (T) k.computeIfAbsent(key, x -> factory.get());
    }

    @Override
    public synchronized void trackChanges() {
        if (changes == null) {
            ChangeLog log = new ChangeLog();
            log.unknownUpTo(version);
            changes = log;
        }
    }

    @Override
    public synchronized int[] changedSince(long version) {
        return changes == null ? null : changes.since(version);
    }

    @Override
    public Object identity() {
        return this;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public int findExact(Value key, int col) {
        if (key instanceof ErrorValue) {
            return -1;
        }
        Map<Object, Integer> index = memo(new ExactKey(col), 0, g -> buildIndex(col));
        Integer r = index.get(io.ledgerflow.formula.value.Values.lookupKey(key));
        return r == null ? -1 : r;
    }

    private Map<Object, Integer> buildIndex(int col) {
        int rows = rows();
        Map<Object, Integer> m = new HashMap<>(Math.max(16, rows * 2));
        for (int r = 0; r < rows; r++) {
            Value v = get(r, col);
            if (v.isEmpty() || v.isError()) {
                continue;
            }
            m.putIfAbsent(io.ledgerflow.formula.value.Values.lookupKey(v), r);
        }
        return m;
    }

    private record ExactKey(int col) {}

    @Override
    public String toString() {
        return "Range[" + sheet + ":" + r1 + "," + c1 + ".." + r2 + "," + c2 + "]";
    }
}
