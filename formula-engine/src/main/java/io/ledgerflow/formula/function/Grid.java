package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.function.Function;

/**
 * A rectangular block of values a function receives for a range argument (or a scalar seen as
 * 1x1). Coordinates are relative to the block. Grids backed by the engine's range nodes answer
 * {@link #sumStats()} in O(1) and keep {@link #memo} results until a cell of the range changes;
 * other grids compute on demand. Both give identical results.
 */
public interface Grid {

    int rows();

    int cols();

    Value get(int row, int col);

    /**
     * The number at a position, or NaN when the cell does not hold a number (text, boolean,
     * blank, error). Engine-backed grids answer without touching value objects.
     */
    default double number(int row, int col) {
        return get(row, col) instanceof NumberValue n ? n.value() : Double.NaN;
    }

    /** The area this grid views, or null for a computed value. */
    default Reference reference() {
        return null;
    }

    /** SUM-style statistics: sum and count of numeric cells in row-major order, first error. */
    default SumStats sumStats() {
        double sum = 0;
        int count = 0;
        ErrorValue err = null;
        int rows = rows();
        int cols = cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Value v = get(r, c);
                if (v instanceof NumberValue n) {
                    sum += n.value();
                    count++;
                } else if (v instanceof ErrorValue e && err == null) {
                    err = e;
                }
            }
        }
        return new SumStats(sum, count, err);
    }

    /**
     * Returns the result of {@code builder} for this grid, cached under {@code key} as long as no
     * cell of the grid changes and {@code stamp} is the same (use {@link #version()} of another
     * grid the result depends on, or 0). Builders must be pure functions of the grid(s).
     */
    default <T> T memo(Object key, long stamp, Function<Grid, T> builder) {
        return builder.apply(this);
    }

    /**
     * A mutable object kept on this grid under {@code key} across changes of its cells (unlike
     * {@link #memo}, which forgets on every change): for indexes that bring themselves up to date
     * by comparing a snapshot of their own with the grid (see {@code IncrementalIfs}). Engine
     * grids only; others return null. The object must be thread-safe.
     */
    default <T> T keep(Object key, java.util.function.Supplier<T> factory) {
        return null;
    }

    /**
     * Asks the grid to log which cells change from now on, for {@link #changedSince} (engine
     * grids only; others ignore it).
     */
    default void trackChanges() {}

    /**
     * Row-major positions of the cells that changed since {@link #version()} was {@code version}
     * (possibly repeated), or null when unknown. Engine grids know it for the versions since
     * {@link #trackChanges}, unless too much changed at once; others return null.
     */
    default int[] changedSince(long version) {
        return null;
    }

    /** Identity under which memo keys may refer to this grid; null when not cacheable. */
    default Object identity() {
        return null;
    }

    /** Increases whenever a cell of the grid changes (engine-backed grids only; 0 otherwise). */
    default long version() {
        return 0;
    }

    /** Iterates the values row by row. */
    default void forEach(ValueVisitor visitor) {
        int rows = rows();
        int cols = cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                visitor.visit(get(r, c));
            }
        }
    }

    /** Numeric view of a column: the first row whose value equals key (case-insensitive), or -1. */
    default int findExact(Value key, int col) {
        if (key instanceof ErrorValue) {
            return -1;
        }
        Object k = Values.lookupKey(key);
        int rows = rows();
        for (int r = 0; r < rows; r++) {
            Value v = get(r, col);
            if (!(v instanceof EmptyValue)
                    && !(v instanceof ErrorValue)
                    && Values.lookupKey(v).equals(k)) {
                return r;
            }
        }
        return -1;
    }

    static Grid of(Value v) {
        return new Grid() {
            @Override
            public int rows() {
                return 1;
            }

            @Override
            public int cols() {
                return 1;
            }

            @Override
            public Value get(int row, int col) {
                return v;
            }
        };
    }

    /** A grid over a 2-D array of values (row-major). */
    static Grid of(Value[][] values) {
        return new Grid() {
            @Override
            public int rows() {
                return values.length;
            }

            @Override
            public int cols() {
                return values.length == 0 ? 0 : values[0].length;
            }

            @Override
            public Value get(int row, int col) {
                return values[row][col];
            }
        };
    }

    @FunctionalInterface
    interface ValueVisitor {
        void visit(Value v);
    }

    /** Sum and count of the numeric cells; {@code error} is the first error cell, or null. */
    record SumStats(double sum, int count, ErrorValue error) {}
}
