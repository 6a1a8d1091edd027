package io.ledgerflow.formula.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * Incremental recalculation over a {@link Graph}. Given seed nodes it (1) collects the affected
 * cone (everything reachable through dependents), (2) orders it topologically with Kahn's
 * algorithm, taking ready nodes from a stack (depth first), (3) evaluates each node at most once,
 * and only if it is a seed or one of its precedents changed value, (4) evaluates a large set of
 * ready nodes — nodes with no dependency among them — as a batch, on several threads, and (5) resolves what Kahn's algorithm cannot order
 * (cycles) with Tarjan's algorithm: members of a cycle become #CYCLE!, nodes downstream are then
 * evaluated in order. The result does not depend on the number of threads.
 */
public final class Recalculator {

    private static final byte NEEDS = 1;
    private static final byte CHANGED = 2;
    private static final byte DONE = 4;
    /**
     * Kept between recalculations: the last recalculation that reached the node left it as a
     * member of a cycle. Such nodes are re-evaluated whenever they are in a cone, even if no
     * precedent changed value, because the edit may have broken their cycle while the
     * precedents' values stayed the same (an error value, say, now coming from elsewhere).
     */
    private static final byte CYCLIC = 8;
    /** A seed already put on the ready stack (seeds may repeat). */
    private static final byte QUEUED = 16;

    private final Graph graph;
    private final int parallelism;
    private final int parallelThreshold;
    private ForkJoinPool pool;

    private int[] mark = new int[0];
    private int epoch;
    private int[] indeg = new int[0];
    /** NEEDS, CHANGED, DONE for the current recalculation; CYCLIC kept between them. */
    private byte[] flags = new byte[0];
    // work lists, reused between recalculations (a recalculation allocates little)
    private final IntList cone = new IntList(1024);
    private final IntList stack = new IntList(1024);
    private final IntList readyA = new IntList(1024);
    private final IntList readyB = new IntList(1024);
    private final IntList changed = new IntList(1024);

    public Recalculator(Graph graph, int parallelism, int parallelThreshold) {
        this.graph = graph;
        this.parallelism = Math.max(1, parallelism);
        this.parallelThreshold = Math.max(2, parallelThreshold);
    }

    public int parallelism() {
        return parallelism;
    }

    private void ensure(int n) {
        if (mark.length < n) {
            int cap = Math.max(n, mark.length * 2);
            mark = Arrays.copyOf(mark, cap);
            indeg = Arrays.copyOf(indeg, cap);
            flags = Arrays.copyOf(flags, cap);
        }
    }

    /**
     * Recalculates the cone of the seeds; returns the nodes whose evaluation reported a change, in
     * evaluation order. The returned list is reused by the next call: consume it before.
     */
    public IntList recalc(int[] seeds, int seedCount, NodeEvaluator ev) {
        int n = graph.size();
        ensure(n);
        if (++epoch == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            epoch = 1;
        }
        final int ep = epoch;
        // 1. cone, counting each cone node's incoming edges from the cone on the way (every edge
        // out of a cone node is walked exactly once, when that node is visited)
        IntList cone = this.cone;
        IntList stack = this.stack;
        cone.clear();
        stack.clear();
        for (int i = 0; i < seedCount; i++) {
            int s = seeds[i];
            if (mark[s] != ep) {
                mark[s] = ep;
                indeg[s] = 0;
                stack.add(s);
            }
        }
        // The per-node work of each loop is a method of its own: a first recalculation over a
        // whole workbook (a load) runs these loops once, and the interpreter compiles a loop of a
        // method called once only after tens of thousands of iterations, a called method after
        // a few hundred calls.
        while (!stack.isEmpty()) {
            visit(stack.pop(), ep);
        }
        for (int i = 0; i < seedCount; i++) {
            flags[seeds[i]] |= NEEDS;
        }
        int coneSize = cone.size();
        // 2. Kahn's algorithm over a stack of ready nodes (all precedents done). One ready node at
        // a time, the last one made ready first: that follows a block of formulas along the
        // order of its dependents (row by row for a block filled row by row, the order its cells'
        // ids and values lie in memory), where taking every ready node in turn (breadth first)
        // sweeps a grid by antidiagonals and touches a new cache line for every array read of
        // every node. When a wide set is ready at once (>= parallelThreshold nodes, none depending
        // on another) it is evaluated as a batch, on several threads if parallelism > 1. The
        // order depends only on the graph, never on the thread count.
        // Only seeds can start ready: any other cone node was reached through an edge from the
        // cone, so it has an incoming edge to wait for.
        IntList ready = readyA;
        ready.clear();
        for (int i = seedCount - 1; i >= 0; i--) {
            int s = seeds[i];
            if (indeg[s] == 0 && (flags[s] & QUEUED) == 0) {
                flags[s] |= QUEUED;
                ready.add(s);
            }
        }
        IntList batch = readyB;
        IntList changed = this.changed;
        changed.clear();
        int processed = 0;
        while (!ready.isEmpty()) {
            if (ready.size() >= parallelThreshold) {
                IntList t = batch;
                batch = ready;
                ready = t;
                ready.clear();
                evaluateBatch(batch, ev);
                int fs = batch.size();
                int[] f = batch.raw();
                for (int i = 0; i < fs; i++) {
                    release(f[i], changed, ready);
                }
                processed += fs;
            } else {
                processed += step(ready, ev, changed);
            }
        }
        if (processed < coneSize) {
            resolveCycles(cone, ev, changed);
        }
        return changed;
    }

    /** Adds a node to the cone, pushes its dependents not seen yet and counts its edges into them. */
    private void visit(int v, int ep) {
        cone.add(v);
        flags[v] = (byte) ((flags[v] & CYCLIC) != 0 ? CYCLIC | NEEDS : 0);
        int[] d = graph.dependents(v);
        int dc = graph.dependentCount(v);
        int[] mark = this.mark;
        int[] indeg = this.indeg;
        for (int k = 0; k < dc; k++) {
            int w = d[k];
            if (mark[w] != ep) {
                mark[w] = ep;
                indeg[w] = 1;
                stack.add(w);
            } else {
                indeg[w]++;
            }
        }
    }

    /**
     * Evaluates and releases ready nodes one at a time until the ready stack is empty or wide
     * enough for a batch; returns how many it processed. A loop of its own so that the JIT
     * compiles it while a long recalculation is still running (on-stack replacement).
     */
    private int step(IntList ready, NodeEvaluator ev, IntList changed) {
        int n = 0;
        int threshold = parallelThreshold;
        while (!ready.isEmpty() && ready.size() < threshold) {
            int v = ready.pop();
            evalOne(v, 0, ev);
            release(v, changed, ready);
            n++;
        }
        return n;
    }

    /**
     * A node is done: mark it, pass "changed" on, push the dependents now free — in reverse, so
     * that the first of them is evaluated next.
     */
    private void release(int v, IntList changed, IntList ready) {
        byte fl = flags[v];
        flags[v] = (byte) (fl | DONE);
        boolean ch = (fl & CHANGED) != 0;
        if (ch) {
            changed.add(v);
        }
        int[] d = graph.dependents(v);
        int dc = graph.dependentCount(v);
        byte[] flags = this.flags;
        int[] indeg = this.indeg;
        for (int k = dc - 1; k >= 0; k--) {
            int w = d[k];
            if (ch) {
                flags[w] |= NEEDS;
            }
            if (--indeg[w] == 0) {
                ready.add(w);
            }
        }
    }

    private void evaluateBatch(IntList frontier, NodeEvaluator ev) {
        int fs = frontier.size();
        int[] f = frontier.raw();
        if (parallelism > 1 && fs >= parallelThreshold) {
            int chunks = parallelism;
            int per = (fs + chunks - 1) / chunks;
            List<RecursiveAction> tasks = new ArrayList<>(chunks);
            for (int t = 0; t < chunks; t++) {
                int from = t * per;
                int to = Math.min(fs, from + per);
                int worker = t;
                tasks.add(new RecursiveAction() {
                    @Override
                    protected void compute() {
                        for (int i = from; i < to; i++) {
                            evalOne(f[i], worker, ev);
                        }
                    }
                });
            }
            pool().invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        } else {
            for (int i = 0; i < fs; i++) {
                evalOne(f[i], 0, ev);
            }
        }
    }

    private void evalOne(int v, int worker, NodeEvaluator ev) {
        byte fl = flags[v];
        if ((fl & NEEDS) != 0) {
            fl &= ~CYCLIC; // ordered by Kahn's algorithm: on no cycle
            if (ev.evaluate(v, worker)) {
                fl |= CHANGED;
            }
            flags[v] = fl;
        }
    }

    private synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(
                    parallelism,
                    p -> {
                        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                        t.setDaemon(true);
                        t.setName("formula-recalc-" + t.getPoolIndex());
                        return t;
                    },
                    null,
                    false);
        }
        return pool;
    }

    /** Tarjan's SCC over the unprocessed part of the cone, then evaluation in topological order. */
    private void resolveCycles(IntList cone, NodeEvaluator ev, IntList changed) {
        final int ep = epoch;
        int coneSize = cone.size();
        int[] c = cone.raw();
        // reuse indeg as Tarjan index (+1), a local array for lowlink
        int[] index = new int[graph.size()];
        int[] low = new int[graph.size()];
        boolean[] onStack = new boolean[graph.size()];
        int counter = 0;
        IntList sccStack = new IntList();
        List<int[]> sccs = new ArrayList<>();
        IntList callNode = new IntList();
        IntList callEdge = new IntList();
        for (int i = 0; i < coneSize; i++) {
            int root = c[i];
            if ((flags[root] & DONE) != 0 || index[root] != 0) {
                continue;
            }
            callNode.add(root);
            callEdge.add(0);
            index[root] = low[root] = ++counter;
            sccStack.add(root);
            onStack[root] = true;
            while (!callNode.isEmpty()) {
                int top = callNode.size() - 1;
                int v = callNode.get(top);
                int e = callEdge.get(top);
                int[] d = graph.dependents(v);
                int dc = graph.dependentCount(v);
                if (e < dc) {
                    callEdge.set(top, e + 1);
                    int w = d[e];
                    if (mark[w] != ep || (flags[w] & DONE) != 0) {
                        continue;
                    }
                    if (index[w] == 0) {
                        index[w] = low[w] = ++counter;
                        sccStack.add(w);
                        onStack[w] = true;
                        callNode.add(w);
                        callEdge.add(0);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    callNode.pop();
                    callEdge.pop();
                    if (!callNode.isEmpty()) {
                        int parent = callNode.get(callNode.size() - 1);
                        low[parent] = Math.min(low[parent], low[v]);
                    }
                    if (low[v] == index[v]) {
                        IntList comp = new IntList(4);
                        int w;
                        do {
                            w = sccStack.pop();
                            onStack[w] = false;
                            comp.add(w);
                        } while (w != v);
                        sccs.add(comp.toArray());
                    }
                }
            }
        }
        for (int i = sccs.size() - 1; i >= 0; i--) {
            int[] comp = sccs.get(i);
            boolean cyclic = comp.length > 1 || selfLoop(comp[0]);
            for (int v : comp) {
                boolean ch = cyclic ? ev.markCycle(v) : ev.evaluate(v, 0);
                flags[v] = (byte) ((cyclic ? flags[v] | CYCLIC : flags[v] & ~CYCLIC) | DONE | (ch ? CHANGED : 0));
            }
            for (int v : comp) {
                if ((cyclic && ev.settleCycle(v)) || (flags[v] & CHANGED) != 0) {
                    changed.add(v);
                }
            }
        }
    }

    private boolean selfLoop(int v) {
        int[] d = graph.dependents(v);
        int dc = graph.dependentCount(v);
        for (int k = 0; k < dc; k++) {
            if (d[k] == v) {
                return true;
            }
        }
        return false;
    }
}
