package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.graph.IntList;
import java.util.Arrays;

/**
 * Which cells of a range changed at which of its versions, for indexes kept on the range that
 * bring themselves up to date by deltas ({@link RangeNode#keep}, {@code IncrementalIfs}): with the
 * log they look at the rows that changed instead of comparing every cell with a snapshot. Entries
 * are row-major positions within the range, in version order; the log knows every change at a
 * version above {@link #floor}. A recomputation that cannot tell which cells changed (a load, a
 * cycle, too many changes) empties the log and raises the floor: readers asking about earlier
 * versions are told "unknown" and compare everything, as without a log. Bounded: when it fills,
 * the older half goes and the floor rises. Guarded by the range node's lock.
 */
final class ChangeLog {

    /** Entries kept at most; a recomputation changing more than this many cells is not logged. */
    static final int CAPACITY = 4096;

    private int[] positions = new int[16];
    private long[] versions = new long[16];
    private int size;
    private long floor;
    private int width = -1;

    /** Forgets everything: changes at versions up to {@code version} are unknown. */
    void unknownUpTo(long version) {
        size = 0;
        floor = version;
    }

    /**
     * The cells at {@code changed} (row-major positions in a range {@code width} columns wide)
     * changed at {@code version}.
     */
    void record(long version, int width, IntList changed) {
        int n = changed.size();
        if (width != this.width) {
            this.width = width; // positions logged at another width would mean other cells
            unknownUpTo(version - 1);
        }
        if (n > CAPACITY) {
            unknownUpTo(version);
            return;
        }
        if (size + n > CAPACITY) {
            dropOlderHalf();
            if (size + n > CAPACITY) {
                unknownUpTo(version - 1);
            }
        }
        if (size + n > positions.length) {
            int cap = Math.max(size + n, positions.length * 2);
            positions = Arrays.copyOf(positions, cap);
            versions = Arrays.copyOf(versions, cap);
        }
        for (int i = 0; i < n; i++) {
            positions[size] = changed.get(i);
            versions[size++] = version;
        }
    }

    private void dropOlderHalf() {
        int from = Math.max(1, size / 2);
        long cut = versions[from - 1]; // every entry of a version goes together
        while (from < size && versions[from] == cut) {
            from++;
        }
        System.arraycopy(positions, from, positions, 0, size - from);
        System.arraycopy(versions, from, versions, 0, size - from);
        size -= from;
        floor = cut;
    }

    /**
     * The positions that changed at versions above {@code since} (possibly repeated), or null
     * when the log does not know them all.
     */
    int[] since(long since) {
        if (since < floor) {
            return null;
        }
        int i = size;
        while (i > 0 && versions[i - 1] > since) {
            i--;
        }
        return Arrays.copyOfRange(positions, i, size);
    }
}
