package io.ledgerflow.formula.function.math;

import io.ledgerflow.formula.function.Criterion;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Conditional aggregates over engine ranges with any criteria (comparisons included), kept up to
 * date by deltas. One index per combination of value range and criteria ranges is kept on the
 * first criteria range ({@link Grid#keep}); it holds a snapshot of the ranges' cells and the
 * accumulator of every criteria tuple asked for. When a range changed, the first lookup compares
 * the snapshot with the ranges (once per edit, shared by every summary) and applies each changed
 * row to each accumulator: subtracted if the old row matched its criteria, added if the new one
 * does. The rows compared are those the ranges' change logs name ({@link Grid#changedSince}: the
 * rows an edit changed, so an edit costs O(rows changed × summaries kept), not O(rows)), or every
 * row when a log does not know. So after an edit of one row a summary costs O(criteria), and a summary whose criteria the
 * row matches neither before nor after keeps its value (value-change pruning stops there).
 * Accumulators that cannot take a delta (an error entering or leaving, the minimum or maximum
 * leaving, more than {@link #MAX_DELTAS} deltas since their last scan) are rescanned from the
 * snapshot when next asked for; more than 1/16 of the rows changed rescans everything lazily.
 * Sums taken by deltas equal a scan up to rounding (each delta is one addition).
 */
final class IncrementalIfs {

    static final int MAX_DELTAS = 1000;

    /** Off with {@code -Dledgerflow.formula.scanIfs=true}: every such summary scans (for before/after benchmarks). */
    static final boolean ENABLED = !Boolean.getBoolean("ledgerflow.formula.scanIfs");

    private record Key(Object values, List<Object> ranges) {}

    private static final class Entry {
        final Criterion[] criteria;
        ConditionalFunctions.Acc acc;
        int deltas;
        long generation;

        Entry(Criterion[] criteria) {
            this.criteria = criteria;
        }
    }

    private final int ranges;
    private int rows;
    private int cols;
    private Value[][] snapshot; // [range][row-major cell]; null before the first lookup
    private Value[] values; // snapshot of the value range (null: COUNTIFS)
    private long[] versions;
    private long generation;
    private final Map<List<Object>, Entry> entries = new HashMap<>();

    private IncrementalIfs(int ranges) {
        this.ranges = ranges;
    }

    /**
     * The accumulator of the criteria over the ranges, or null when the grids are not engine
     * grids of one shape (the caller scans instead).
     */
    static ConditionalFunctions.Acc lookup(Grid valueGrid, List<Grid> grids, List<Value> criteria) {
        Grid first = grids.get(0);
        if (!ENABLED || first.identity() == null || (valueGrid != null && valueGrid.identity() == null)) {
            return null;
        }
        List<Object> ids = new ArrayList<>(grids.size());
        for (Grid g : grids) {
            if (g.identity() == null || g.rows() != first.rows() || g.cols() != first.cols()) {
                return null;
            }
            ids.add(g.identity());
        }
        if (valueGrid != null && (valueGrid.rows() != first.rows() || valueGrid.cols() != first.cols())) {
            return null;
        }
        IncrementalIfs index = first.keep(
                new Key(valueGrid == null ? null : valueGrid.identity(), ids), () -> new IncrementalIfs(grids.size()));
        if (index == null) {
            return null;
        }
        synchronized (index) {
            return index.get(valueGrid, grids, criteria);
        }
    }

    private ConditionalFunctions.Acc get(Grid valueGrid, List<Grid> grids, List<Value> criteria) {
        refresh(valueGrid, grids);
        List<Object> key = new ArrayList<>(criteria.size());
        for (Value v : criteria) {
            key.add(v);
        }
        Entry e = entries.get(key);
        if (e == null) {
            Criterion[] cs = new Criterion[criteria.size()];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = Criterion.parse(criteria.get(i));
            }
            e = new Entry(cs);
            entries.put(key, e);
        }
        e.generation = generation;
        if (e.acc == null) {
            e.acc = scan(e.criteria);
            e.deltas = 0;
        }
        return e.acc.copy();
    }

    /** Brings the snapshot up to date with the grids, applying each changed cell to each entry. */
    private void refresh(Grid valueGrid, List<Grid> grids) {
        int n = grids.size();
        long[] now = new long[n + 1];
        for (int i = 0; i < n; i++) {
            now[i] = grids.get(i).version();
        }
        now[n] = valueGrid == null ? 0 : valueGrid.version();
        if (snapshot != null && java.util.Arrays.equals(now, versions)) {
            return;
        }
        Grid first = grids.get(0);
        int r = first.rows();
        int c = first.cols();
        if (snapshot == null || r != rows || c != cols) {
            for (int i = 0; i < n; i++) {
                grids.get(i).trackChanges();
            }
            if (valueGrid != null) {
                valueGrid.trackChanges();
            }
            rows = r;
            cols = c;
            snapshot = new Value[n][];
            for (int i = 0; i < n; i++) {
                snapshot[i] = read(grids.get(i));
            }
            values = valueGrid == null ? null : read(valueGrid);
            entries.clear();
        } else {
            applyChanges(valueGrid, grids);
        }
        versions = now;
        generation++;
    }

    private void applyChanges(Grid valueGrid, List<Grid> grids) {
        // entries no summary asked for since the previous change are stale (their criteria changed)
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().generation < generation) {
                it.remove();
            }
        }
        int[] candidates = changedPositions(valueGrid, grids);
        int size = rows * cols;
        int limit = Math.max(16, size / 16);
        Value[] oldRow = new Value[ranges];
        Value[] newRow = new Value[ranges];
        int changed = 0;
        for (int k = 0, end = candidates == null ? size : candidates.length; k < end; k++) {
            int idx = candidates == null ? k : candidates[k];
            if (applyAt(idx, valueGrid, grids, oldRow, newRow) && ++changed > limit) {
                // too much changed for deltas: start over from a fresh snapshot, lazily
                for (int i = 0; i < ranges; i++) {
                    snapshot[i] = read(grids.get(i));
                }
                values = valueGrid == null ? null : read(valueGrid);
                for (Entry e : entries.values()) {
                    e.acc = null;
                }
                return;
            }
        }
    }

    /**
     * The positions that may have changed since the snapshot, from the grids' change logs (a
     * few rows after an edit), or null when a grid does not know them: then every row is compared.
     */
    private int[] changedPositions(Grid valueGrid, List<Grid> grids) {
        int[][] parts = new int[ranges + 1][];
        int total = 0;
        for (int i = 0; i <= ranges; i++) {
            Grid g = i < ranges ? grids.get(i) : valueGrid;
            if (g == null) {
                parts[i] = new int[0];
                continue;
            }
            parts[i] = g.changedSince(versions[i]);
            if (parts[i] == null) {
                return null;
            }
            total += parts[i].length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all; // repeats are harmless: a row already applied equals its snapshot
    }

    /** Applies the row at a position to every entry if it differs from the snapshot; true if it did. */
    private boolean applyAt(int idx, Grid valueGrid, List<Grid> grids, Value[] oldRow, Value[] newRow) {
        int r = idx / cols;
        int c = idx % cols;
        boolean same = true;
        for (int i = 0; i < ranges; i++) {
            Value now = grids.get(i).get(r, c);
            oldRow[i] = snapshot[i][idx];
            newRow[i] = now;
            if (!now.equals(oldRow[i])) {
                same = false;
            }
        }
        Value oldValue = values == null ? null : values[idx];
        Value newValue = valueGrid == null ? null : valueGrid.get(r, c);
        if (same && (values == null || newValue.equals(oldValue))) {
            return false;
        }
        for (Entry e : entries.values()) {
            if (e.acc != null) {
                delta(e, oldRow, oldValue, newRow, newValue);
            }
        }
        for (int i = 0; i < ranges; i++) {
            snapshot[i][idx] = newRow[i];
        }
        if (values != null) {
            values[idx] = newValue;
        }
        return true;
    }

    private static boolean matches(Criterion[] cs, Value[] row) {
        for (int i = 0; i < cs.length; i++) {
            if (!cs[i].test(row[i])) {
                return false;
            }
        }
        return true;
    }

    private static void delta(Entry e, Value[] oldRow, Value oldValue, Value[] newRow, Value newValue) {
        boolean was = matches(e.criteria, oldRow);
        boolean is = matches(e.criteria, newRow);
        if (!was && !is) {
            return;
        }
        ConditionalFunctions.Acc acc = e.acc;
        if (++e.deltas > MAX_DELTAS || (was && !acc.remove(oldValue)) || (is && newValue instanceof ErrorValue)) {
            e.acc = null; // rescan when next asked for
            return;
        }
        if (is) {
            acc.add(newValue);
        }
    }

    private static Value[] read(Grid g) {
        int rows = g.rows();
        int cols = g.cols();
        Value[] v = new Value[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Value x = g.get(r, c);
                v[r * cols + c] = x == null ? EmptyValue.INSTANCE : x;
            }
        }
        return v;
    }

    private ConditionalFunctions.Acc scan(Criterion[] cs) {
        ConditionalFunctions.Acc acc = new ConditionalFunctions.Acc();
        int size = rows * cols;
        Value[] row = new Value[cs.length];
        for (int idx = 0; idx < size; idx++) {
            for (int i = 0; i < cs.length; i++) {
                row[i] = snapshot[i][idx];
            }
            if (matches(cs, row)) {
                acc.add(values == null ? null : values[idx]);
            }
        }
        return acc;
    }
}
