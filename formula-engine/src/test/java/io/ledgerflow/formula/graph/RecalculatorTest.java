package io.ledgerflow.formula.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The recalculator's order on random acyclic graphs, with a small batch threshold so that ready
 * nodes are taken both one at a time (from the stack) and as parallel batches: every node of the
 * cone is evaluated exactly once (all values change), and only after all its precedents in the
 * cone; the order of the changed nodes does not depend on the thread count. The node values
 * (sum of the precedents' values plus one) match a direct computation in id order.
 */
class RecalculatorTest {

    @Test
    void everyConeNodeOnceAfterItsPrecedentsWhateverTheThreadCount() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 20 + rnd.nextInt(400);
            Graph g = new Graph();
            g.ensureNodes(n);
            IntList[] pre = new IntList[n];
            for (int v = 0; v < n; v++) {
                pre[v] = new IntList();
                int k = v == 0 ? 0 : rnd.nextInt(Math.min(v, rnd.nextBoolean() ? 2 : 6) + 1);
                for (int j = 0; j < k; j++) {
                    // an edge from a lower id (acyclic); wide layers when most edges come from the
                    // first few nodes
                    int u = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(v, 3)) : v - 1 - rnd.nextInt(Math.min(v, 40));
                    g.addEdge(u, v);
                    pre[v].add(u);
                }
            }
            int seedCount = 1 + rnd.nextInt(3);
            int[] seeds = new int[seedCount];
            for (int i = 0; i < seedCount; i++) {
                seeds[i] = rnd.nextInt(n);
            }
            int threshold = 2 + rnd.nextInt(20);
            int[] firstOrder = null;
            for (int threads : new int[] {1, 3}) {
                long[] value = new long[n];
                AtomicIntegerArray evaluated = new AtomicIntegerArray(n);
                Recalculator rc = new Recalculator(g, threads, threshold);
                NodeEvaluator ev = new NodeEvaluator() {
                    @Override
                    public boolean evaluate(int node, int worker) {
                        long s = 1;
                        for (int j = 0; j < pre[node].size(); j++) {
                            int u = pre[node].get(j);
                            s += value[u];
                        }
                        value[node] = s;
                        evaluated.incrementAndGet(node);
                        return true;
                    }

                    @Override
                    public boolean markCycle(int node) {
                        throw new AssertionError("no cycle in an acyclic graph");
                    }
                };
                int[] order = rc.recalc(seeds, seedCount, ev).toArray();
                boolean[] inCone = cone(g, n, seeds);
                long[] expected = new long[n];
                for (int v = 0; v < n; v++) {
                    if (!inCone[v]) {
                        continue;
                    }
                    long s = 1;
                    for (int j = 0; j < pre[v].size(); j++) {
                        s += inCone[pre[v].get(j)] ? expected[pre[v].get(j)] : 0;
                    }
                    expected[v] = s;
                }
                int coneSize = 0;
                for (int v = 0; v < n; v++) {
                    assertThat(evaluated.get(v)).as("node %d", v).isEqualTo(inCone[v] ? 1 : 0);
                    assertThat(value[v]).as("node %d", v).isEqualTo(expected[v]);
                    coneSize += inCone[v] ? 1 : 0;
                }
                assertThat(order).hasSize(coneSize);
                if (firstOrder == null) {
                    firstOrder = order;
                } else {
                    assertThat(order).isEqualTo(firstOrder);
                }
            }
        }
    }

    private static boolean[] cone(Graph g, int n, int[] seeds) {
        boolean[] in = new boolean[n];
        IntList stack = new IntList();
        for (int s : seeds) {
            if (!in[s]) {
                in[s] = true;
                stack.add(s);
            }
        }
        while (!stack.isEmpty()) {
            int v = stack.pop();
            int[] d = g.dependents(v);
            for (int k = 0; k < g.dependentCount(v); k++) {
                if (!in[d[k]]) {
                    in[d[k]] = true;
                    stack.add(d[k]);
                }
            }
        }
        return in;
    }
}
