package io.ledgerflow.formula.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The recalculator's contract on small hand-made graphs (RecalculatorTest checks random ones): a
 * node is evaluated only when a seed or when a precedent changed value; the order is depth first
 * along the dependents (a wide ready set is one batch, evaluated in order); a batch is split
 * evenly between the workers, which run on daemon pool threads; members of a cycle are marked and
 * re-evaluated once their cycle is broken; one recalculator serves many recalculations.
 */
class RecalculatorContractTest {

    /** Records evaluations; nodes listed in {@code unchanged} report no change. */
    static final class Recorder implements NodeEvaluator {
        final List<Integer> evaluated = new ArrayList<>();
        final List<Integer> cycles = new ArrayList<>();
        final Set<Integer> unchanged = new HashSet<>();

        @Override
        public synchronized boolean evaluate(int node, int worker) {
            evaluated.add(node);
            return !unchanged.contains(node);
        }

        @Override
        public synchronized boolean markCycle(int node) {
            cycles.add(node);
            return true;
        }

        List<Integer> take() {
            List<Integer> e = List.copyOf(evaluated);
            evaluated.clear();
            return e;
        }
    }

    private static Graph graph(int n, int[]... edges) {
        Graph g = new Graph();
        g.ensureNodes(n);
        for (int[] e : edges) {
            g.addEdge(e[0], e[1]);
        }
        return g;
    }

    private static List<Integer> list(IntList l) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(l.get(i));
        }
        return out;
    }

    @Test
    void depthFirstAlongTheDependentsInTheirOrder() {
        // 0 -> 1 -> 3, 0 -> 2 -> 3, 3 -> 4: 1 before 2 (the first dependent first), 3 once after both
        Graph g = graph(5, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3}, new int[] {3, 4});
        Recorder ev = new Recorder();
        Recalculator rc = new Recalculator(g, 1, 1000);
        assertThat(list(rc.recalc(new int[] {0}, 1, ev))).containsExactly(0, 1, 2, 3, 4);
        assertThat(ev.take()).containsExactly(0, 1, 2, 3, 4);
        // two independent seeds: the first seed first
        Graph two = graph(4, new int[] {0, 1}, new int[] {2, 3});
        Recalculator rc2 = new Recalculator(two, 1, 1000);
        assertThat(list(rc2.recalc(new int[] {2, 0}, 2, ev))).containsExactly(2, 3, 0, 1);
        assertThat(ev.cycles).isEmpty();
    }

    @Test
    void aWideReadySetIsOneBatchInItsOrderAndANarrowOneIsAStack() {
        // 0 feeds 1, 2, 3: three ready at once; threshold 3 makes them a batch (evaluated in the
        // order the stack holds them), threshold 4 takes them one at a time from the stack
        Graph g = graph(4, new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3});
        Recorder ev = new Recorder();
        assertThat(list(new Recalculator(g, 1, 3).recalc(new int[] {0}, 1, ev))).containsExactly(0, 3, 2, 1);
        assertThat(list(new Recalculator(g, 1, 4).recalc(new int[] {0}, 1, ev))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void onlyNodesWithAChangedPrecedentAreEvaluated() {
        // diamond 0 -> {1, 2} -> 3 -> 4; 1 and 2 keep their values, so 3 and 4 are not evaluated
        Graph g = graph(5, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3}, new int[] {3, 4});
        Recorder ev = new Recorder();
        ev.unchanged.add(1);
        ev.unchanged.add(2);
        Recalculator rc = new Recalculator(g, 1, 1000);
        assertThat(list(rc.recalc(new int[] {0}, 1, ev))).containsExactly(0);
        assertThat(ev.take()).containsExactly(0, 1, 2);
        // one of them changed: 3 and 4 follow
        ev.unchanged.remove(2);
        assertThat(list(rc.recalc(new int[] {0}, 1, ev))).containsExactly(0, 2, 3, 4);
        assertThat(ev.take()).containsExactly(0, 1, 2, 3, 4);
        // a seed that does not change: nothing downstream
        ev.unchanged.add(0);
        assertThat(list(rc.recalc(new int[] {0, 0}, 2, ev))).isEmpty();
        assertThat(ev.take()).containsExactly(0);
    }

    @Test
    void eachRecalculationReportsOnlyItsOwnCone() {
        Graph g = graph(6, new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 4});
        Recorder ev = new Recorder();
        Recalculator rc = new Recalculator(g, 1, 1000);
        assertThat(list(rc.recalc(new int[] {0}, 1, ev))).containsExactly(0, 1, 2);
        assertThat(list(rc.recalc(new int[] {3}, 1, ev))).containsExactly(3, 4);
        assertThat(list(rc.recalc(new int[] {5}, 1, ev))).containsExactly(5);
        assertThat(ev.take()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aCycleIsMarkedOnceAndItsMembersAreReEvaluatedWhenItIsBroken() {
        // 2 -> 0 -> 1 -> 0 (0 and 1 on a cycle), 1 -> 3 downstream, 4 -> 5 acyclic beside it
        Graph g = graph(6, new int[] {2, 0}, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 3}, new int[] {4, 5});
        Recorder ev = new Recorder();
        Recalculator rc = new Recalculator(g, 1, 1000);
        List<Integer> changed = list(rc.recalc(new int[] {4, 2}, 2, ev));
        assertThat(ev.cycles).containsExactlyInAnyOrder(0, 1);
        // every node once: the acyclic ones evaluated, the cycle marked, 3 after it
        assertThat(ev.take()).containsExactly(4, 5, 2, 3);
        assertThat(changed).containsExactlyInAnyOrder(4, 5, 2, 0, 1, 3);
        assertThat(changed.indexOf(3)).isGreaterThan(Math.max(changed.indexOf(0), changed.indexOf(1)));
        // the cycle is broken (0 no longer reads 1) while 2 keeps its value: 0 and 1 are still
        // evaluated, being members of the cycle last time
        assertThat(g.removeEdge(1, 0)).isTrue();
        assertThat(g.removeEdge(1, 0)).isFalse();
        ev.cycles.clear();
        ev.unchanged.add(2);
        assertThat(list(rc.recalc(new int[] {2}, 1, ev))).containsExactly(0, 1, 3);
        assertThat(ev.take()).containsExactly(2, 0, 1, 3);
        assertThat(ev.cycles).isEmpty();
        // off the cycle now: an unchanged seed leaves them alone
        assertThat(list(rc.recalc(new int[] {2}, 1, ev))).isEmpty();
        assertThat(ev.take()).containsExactly(2);
    }

    @Test
    void aCycleOnTheFirstRecalculationTouchesNothingOutsideTheCone() {
        Graph g = graph(3, new int[] {1, 2}, new int[] {2, 1});
        Recorder ev = new Recorder();
        new Recalculator(g, 1, 1000).recalc(new int[] {1}, 1, ev);
        assertThat(ev.cycles).containsExactlyInAnyOrder(1, 2);
        assertThat(ev.evaluated).isEmpty();
    }

    @Test
    void aSelfReferenceIsACycle() {
        Graph g = graph(3, new int[] {0, 1}, new int[] {1, 1}, new int[] {1, 2});
        Recorder ev = new Recorder();
        new Recalculator(g, 1, 1000).recalc(new int[] {0}, 1, ev);
        assertThat(ev.cycles).containsExactly(1);
        assertThat(ev.take()).containsExactly(0, 2);
    }

    @Test
    void aBatchIsSplitEvenlyBetweenTheWorkersOnDaemonPoolThreads() {
        // 0 feeds six nodes: one batch of six for three workers, two each
        Graph g = graph(7);
        for (int v = 1; v <= 6; v++) {
            g.addEdge(0, v);
        }
        AtomicIntegerArray perWorker = new AtomicIntegerArray(4);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        NodeEvaluator ev = new NodeEvaluator() {
            @Override
            public boolean evaluate(int node, int worker) {
                perWorker.incrementAndGet(worker);
                if (node != 0) {
                    Thread t = Thread.currentThread();
                    threads.add(t.getName() + (t.isDaemon() ? " daemon" : ""));
                }
                return true;
            }

            @Override
            public boolean markCycle(int node) {
                throw new AssertionError();
            }
        };
        Recalculator rc = new Recalculator(g, 3, 2);
        assertThat(rc.parallelism()).isEqualTo(3);
        assertThat(list(rc.recalc(new int[] {0}, 1, ev))).containsExactly(0, 6, 5, 4, 3, 2, 1);
        // the seed alone on worker 0, then two of the batch on each worker
        assertThat(perWorker.get(0)).isEqualTo(3);
        assertThat(perWorker.get(1)).isEqualTo(2);
        assertThat(perWorker.get(2)).isEqualTo(2);
        assertThat(perWorker.get(3)).isZero();
        assertThat(threads).isNotEmpty().allMatch(t -> t.matches("formula-recalc-\\d+ daemon"));
        // one thread: the whole batch on worker 0 of the calling thread
        AtomicIntegerArray single = new AtomicIntegerArray(2);
        new Recalculator(g, 1, 2).recalc(new int[] {0}, 1, new NodeEvaluator() {
            @Override
            public boolean evaluate(int node, int worker) {
                single.incrementAndGet(worker);
                return true;
            }

            @Override
            public boolean markCycle(int node) {
                throw new AssertionError();
            }
        });
        assertThat(single.get(0)).isEqualTo(7);
    }

    @Test
    void theGraphGrowsCountsAndRemovesEdges() {
        Graph g = new Graph();
        assertThat(g.size()).isZero();
        g.ensureCapacity(5000);
        assertThat(g.size()).isZero();
        g.ensureNodes(4001);
        assertThat(g.size()).isEqualTo(4001);
        g.ensureNodes(10);
        assertThat(g.size()).isEqualTo(4001);
        for (int k = 0; k < 5; k++) {
            g.addEdge(4000, k);
        }
        g.addEdge(0, 4000);
        assertThat(g.edgeCount()).isEqualTo(6);
        assertThat(g.dependentCount(4000)).isEqualTo(5);
        assertThat(g.removeEdge(4000, 2)).isTrue();
        assertThat(g.removeEdge(4000, 2)).isFalse();
        assertThat(g.removeEdge(7, 2)).isFalse();
        int[] d = g.dependents(4000);
        assertThat(java.util.Arrays.copyOf(d, g.dependentCount(4000))).containsExactlyInAnyOrder(0, 1, 3, 4);
        g.clearOut(4000);
        assertThat(g.dependentCount(4000)).isZero();
        assertThat(g.dependents(4000)).isEmpty();
        assertThat(g.edgeCount()).isEqualTo(1);
        // nodes beyond the first allocation, grown one at a time
        Graph h = new Graph();
        for (int n = 1; n <= 3000; n++) {
            h.ensureNodes(n);
            if (n > 1) {
                h.addEdge(n - 2, n - 1);
            }
        }
        assertThat(h.edgeCount()).isEqualTo(2999);
        assertThat(h.dependents(2998)).startsWith(2999);
        // exactly as many nodes as the first allocation holds
        Graph full = new Graph();
        full.ensureNodes(1024);
        full.addEdge(1023, 0);
        assertThat(full.edgeCount()).isEqualTo(1);
    }
}
