package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The range nodes of a {@link Workbook} (invariant 2): found by area in chains, created when a
 * formula first references an area, linked to their cells (or to the next smaller range of their
 * chain) before a recalculation, and released when no formula references them any more.
 */
final class RangeIndex {

    private final Workbook wb;
    /** Range nodes by sheet, columns and first row, then by last row (see {@link Chain}). */
    private final Map<ChainKey, Chain> chains = new HashMap<>();
    /** The chain of the last range acquired (a load acquires runs of ranges of one chain). */
    private Chain lastChain;

    private int rangeCount;
    private final List<RangeNode> unlinked = new ArrayList<>();

    RangeIndex(Workbook wb) {
        this.wb = wb;
    }

    int count() {
        return rangeCount;
    }

    private record ChainKey(int sheet, int c1, int c2, int r1) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChainKey k && k.r1 == r1 && k.c1 == c1 && k.c2 == c2 && k.sheet == sheet;
        }

        @Override
        public int hashCode() {
            return ((sheet * 31 + r1) * 31 + c1) * 31 + c2;
        }
    }

    /**
     * The range nodes of one sheet, column span and first row, sorted by last row in two arrays
     * (binary search; a load, which acquires a column's growing ranges in order, only appends).
     * One chain serves both finding a range node by its area and finding the next smaller range
     * a new range node builds on (invariant 2), with no key object or map entry per range.
     */
    private static final class Chain {
        final int sheet;
        final int c1;
        final int c2;
        final int r1;
        int[] lastRows = new int[4];
        RangeNode[] nodes = new RangeNode[4];
        int size;

        Chain(int sheet, int c1, int c2, int r1) {
            this.sheet = sheet;
            this.c1 = c1;
            this.c2 = c2;
            this.r1 = r1;
        }

        boolean is(int sheet, int c1, int c2, int r1) {
            return this.r1 == r1 && this.c1 == c1 && this.c2 == c2 && this.sheet == sheet;
        }

        /** The index of last row r2, or -(insertion point) - 1. */
        int find(int r2) {
            int n = size;
            if (n == 0 || lastRows[n - 1] < r2) {
                return -n - 1;
            }
            return Arrays.binarySearch(lastRows, 0, n, r2);
        }

        void insert(int at, RangeNode rn) {
            if (size == nodes.length) {
                lastRows = Arrays.copyOf(lastRows, size * 2);
                nodes = Arrays.copyOf(nodes, size * 2);
            }
            System.arraycopy(lastRows, at, lastRows, at + 1, size - at);
            System.arraycopy(nodes, at, nodes, at + 1, size - at);
            lastRows[at] = rn.r2;
            nodes[at] = rn;
            size++;
        }

        void remove(int at) {
            System.arraycopy(lastRows, at + 1, lastRows, at, size - at - 1);
            System.arraycopy(nodes, at + 1, nodes, at, size - at - 1);
            nodes[--size] = null;
        }
    }

    /** The chain of ranges with this sheet, columns and first row; created if absent. */
    private Chain chain(int sheet, int c1, int c2, int r1) {
        Chain ch = lastChain;
        if (ch != null && ch.is(sheet, c1, c2, r1)) {
            return ch;
        }
        ChainKey key = new ChainKey(sheet, c1, c2, r1);
        ch = chains.get(key);
        if (ch == null) {
            ch = new Chain(sheet, c1, c2, r1);
            chains.put(key, ch);
        }
        lastChain = ch;
        return ch;
    }

    /** The range node of an area, or null. Reads only: safe during a parallel recalculation. */
    RangeNode find(int sheet, int r1, int c1, int r2, int c2) {
        Chain ch = chains.get(new ChainKey(sheet, c1, c2, r1));
        if (ch == null) {
            return null;
        }
        int i = ch.find(r2);
        return i >= 0 ? ch.nodes[i] : null;
    }

    RangeNode acquire(int sheet, int r1, int c1, int r2, int c2) {
        Chain ch = chain(sheet, c1, c2, r1);
        int i = ch.find(r2);
        RangeNode rn;
        if (i >= 0) {
            rn = ch.nodes[i];
        } else {
            int id = wb.newNode(Workbook.RANGE);
            rn = new RangeNode(wb, id, sheet, r1, c1, r2, c2);
            wb.rangeOf[id] = rn;
            ch.insert(-i - 1, rn);
            rangeCount++;
            unlinked.add(rn);
        }
        rn.refCount++;
        return rn;
    }

    private static final Comparator<RangeNode> BY_LAST_ROW = new Comparator<>() {
        @Override
        public int compare(RangeNode a, RangeNode b) {
            return Integer.compare(a.r2, b.r2);
        }
    };

    /** Connects new range nodes to their cells (or to a smaller range with the same top). */
    void linkPending(IntList seeds) {
        if (unlinked.isEmpty()) {
            return;
        }
        List<RangeNode> list = new ArrayList<>(unlinked);
        unlinked.clear();
        // smaller ranges first, so a range can build on the next smaller one of its chain (a load
        // usually acquires them in that order already)
        boolean sorted = true;
        for (int i = 1; i < list.size() && sorted; i++) {
            sorted = list.get(i - 1).r2 <= list.get(i).r2;
        }
        if (!sorted) {
            list.sort(BY_LAST_ROW);
        }
        for (RangeNode rn : list) {
            if (rn.refCount > 0) {
                link(rn, seeds); // a method: see finishLoad
            }
        }
    }

    /** Links one range node: to a smaller range with the same top if any, and to its own cells. */
    private void link(RangeNode rn, IntList seeds) {
        Chain chain = chain(rn.sheet, rn.c1, rn.c2, rn.r1);
        int at = chain.find(rn.r2);
        RangeNode lower = at > 0 ? chain.nodes[at - 1] : null; // the next smaller range
        Sheet s = wb.sheet(rn.sheet);
        if (lower != null && lower.linked && rn.r2 != Expr.MAX_ROW) {
            rn.sub = lower;
            rn.sub.refCount++;
            rn.ownR1 = rn.sub.r2 + 1;
            wb.graph.addEdge(rn.sub.id, rn.id);
        }
        int lastCol = Math.min(rn.c2, s.columnCount() - 1);
        for (int c = rn.c1; c <= lastCol; c++) {
            int len = Math.min(s.columnLength(c) - 1, rn.r2);
            for (int r = rn.ownR1; r <= len; r++) {
                int id = s.get(r, c);
                if (id >= 0) {
                    wb.graph.addEdge(id, rn.id);
                }
            }
        }
        rn.linked = true;
        s.addRange(rn);
        seeds.add(rn.id);
    }

    /** Drops one reference; a range node nobody uses is unlinked, then its sub-range (iteratively). */
    void release(RangeNode start) {
        RangeNode rn = start;
        while (rn != null && --rn.refCount <= 0) {
            Chain chain = chain(rn.sheet, rn.c1, rn.c2, rn.r1);
            int at = chain.find(rn.r2);
            if (at >= 0 && chain.nodes[at] == rn) {
                chain.remove(at);
                rangeCount--;
            }
            if (chain.size == 0) {
                chains.remove(new ChainKey(rn.sheet, rn.c1, rn.c2, rn.r1));
                lastChain = null;
            }
            RangeNode next = null;
            if (rn.linked) {
                Sheet s = wb.sheet(rn.sheet);
                s.removeRange(rn);
                int lastCol = Math.min(rn.c2, s.columnCount() - 1);
                for (int c = rn.c1; c <= lastCol; c++) {
                    int len = Math.min(s.columnLength(c) - 1, rn.r2);
                    for (int r = rn.ownR1; r <= len; r++) {
                        int id = s.get(r, c);
                        if (id >= 0) {
                            wb.graph.removeEdge(id, rn.id);
                        }
                    }
                }
                if (rn.sub != null) {
                    wb.graph.removeEdge(rn.sub.id, rn.id);
                    next = rn.sub;
                }
            } else {
                unlinked.remove(rn);
            }
            wb.graph.clearOut(rn.id);
            wb.kind[rn.id] = Workbook.DEAD;
            wb.rangeOf[rn.id] = null;
            rn = next;
        }
    }
}
