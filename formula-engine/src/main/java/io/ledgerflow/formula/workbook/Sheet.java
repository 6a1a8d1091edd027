package io.ledgerflow.formula.workbook;

import java.util.Arrays;

/**
 * Position -> node id of one sheet, stored column by column in dense int arrays (id + 1, 0 for
 * absent), which suits the tall, narrow shape of ledgers.
 */
final class Sheet {

    final int index;
    String name;
    private int[][] cols = new int[8][];
    int maxRow = -1;
    int maxCol = -1;
    /**
     * Linked range nodes on this sheet (for attaching newly created cells), in no particular
     * order: an array with each node's slot in {@link RangeNode#sheetSlot}, so adding and
     * removing cost no hashing and no entry object.
     */
    RangeNode[] ranges = new RangeNode[4];

    int rangeCount;

    void addRange(RangeNode rn) {
        if (rangeCount == ranges.length) {
            ranges = Arrays.copyOf(ranges, rangeCount * 2);
        }
        rn.sheetSlot = rangeCount;
        ranges[rangeCount++] = rn;
    }

    void removeRange(RangeNode rn) {
        int i = rn.sheetSlot;
        if (i < 0 || i >= rangeCount || ranges[i] != rn) {
            return;
        }
        RangeNode last = ranges[--rangeCount];
        ranges[i] = last;
        last.sheetSlot = i;
        ranges[rangeCount] = null;
        rn.sheetSlot = -1;
    }

    Sheet(int index, String name) {
        this.index = index;
        this.name = name;
    }

    int get(int row, int col) {
        if (col >= cols.length) {
            return -1;
        }
        int[] c = cols[col];
        if (c == null || row >= c.length) {
            return -1;
        }
        return c[row] - 1;
    }

    void put(int row, int col, int id) {
        if (col >= cols.length) {
            cols = Arrays.copyOf(cols, Math.max(col + 1, cols.length * 2));
        }
        int[] c = cols[col];
        if (c == null) {
            c = new int[Math.max(16, row + 1)];
            cols[col] = c;
        } else if (row >= c.length) {
            c = Arrays.copyOf(c, Math.max(row + 1, c.length * 2));
            cols[col] = c;
        }
        c[row] = id + 1;
        if (row > maxRow) {
            maxRow = row;
        }
        if (col > maxCol) {
            maxCol = col;
        }
    }

    /** Makes room for rows 0 to {@code rows - 1} of a column (a load knows each column's extent). */
    void reserve(int col, int rows) {
        if (col >= cols.length) {
            cols = Arrays.copyOf(cols, Math.max(col + 1, cols.length * 2));
        }
        int[] c = cols[col];
        if (c == null) {
            cols[col] = new int[rows];
        } else if (c.length < rows) {
            cols[col] = Arrays.copyOf(c, rows);
        }
    }

    /** Number of rows stored for a column (cells at or beyond it are absent). */
    int columnLength(int col) {
        if (col >= cols.length || cols[col] == null) {
            return 0;
        }
        return cols[col].length;
    }

    int columnCount() {
        return cols.length;
    }
}
