package io.ledgerflow.formula.graph;

import java.util.Arrays;

/**
 * Dependency edges between node ids (cells and range nodes), stored as growable int arrays:
 * {@code from -> to} means "to reads from". Not thread-safe; mutated only between
 * recalculations.
 */
public final class Graph {

    private static final int[] NONE = new int[0];

    private int[][] out = new int[1024][];
    private int[] outCount = new int[1024];
    private int size;

    /** Makes room for node ids below {@code n}. */
    public void ensureNodes(int n) {
        if (n > out.length) {
            int cap = Math.max(n, out.length * 2);
            out = Arrays.copyOf(out, cap);
            outCount = Arrays.copyOf(outCount, cap);
        }
        if (n > size) {
            size = n;
        }
    }

    /** Makes room for node ids below {@code n} without adding nodes. */
    public void ensureCapacity(int n) {
        if (n > out.length) {
            out = Arrays.copyOf(out, n);
            outCount = Arrays.copyOf(outCount, n);
        }
    }

    public int size() {
        return size;
    }

    public void addEdge(int from, int to) {
        int[] a = out[from];
        int c = outCount[from];
        if (a == null) {
            a = new int[2];
            out[from] = a;
        } else if (c == a.length) {
            a = Arrays.copyOf(a, c * 2);
            out[from] = a;
        }
        a[c] = to;
        outCount[from] = c + 1;
    }

    /** Removes one occurrence of the edge; returns false if absent. */
    public boolean removeEdge(int from, int to) {
        int[] a = out[from];
        int c = outCount[from];
        for (int i = c - 1; i >= 0; i--) {
            if (a[i] == to) {
                a[i] = a[c - 1];
                outCount[from] = c - 1;
                return true;
            }
        }
        return false;
    }

    /** Removes every edge from a node to a node {@code drop} accepts, in one pass. */
    public void removeEdges(int from, java.util.function.IntPredicate drop) {
        int[] a = out[from];
        int c = outCount[from];
        int k = 0;
        for (int i = 0; i < c; i++) {
            if (!drop.test(a[i])) {
                a[k++] = a[i];
            }
        }
        outCount[from] = k;
    }

    /** Removes all outgoing edges of a node. */
    public void clearOut(int from) {
        out[from] = null;
        outCount[from] = 0;
    }

    /** The dependents array of a node (valid up to {@link #dependentCount}). */
    public int[] dependents(int node) {
        int[] a = out[node];
        return a == null ? NONE : a;
    }

    public int dependentCount(int node) {
        return outCount[node];
    }

    /** Total number of edges (for diagnostics and tests). */
    public long edgeCount() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += outCount[i];
        }
        return n;
    }
}
