package io.ledgerflow.linking.graph;

import io.ledgerflow.linking.reference.Area;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A harness (not run by default: {@code ./mvnw -pl linking-service test -Dtest=LinkGraphBench
 * -Dsurefire.failIfNoSpecifiedTests=false}) for the in-memory link graph at 10⁶ links: the time to
 * build the index, and depth-5 upstream/downstream traversals and impact from random cells.
 * 50,000 workbooks of 20 linked cells each; every cell is the destination of one link and the
 * source of one link on average (random), so traversals go the full depth.
 */
class LinkGraphBench {

    private static final int DOCUMENTS = 50_000;
    private static final int CELLS = 20;
    private static final int QUERIES = 20_000;

    @Test
    void tenToTheSixLinks() {
        SplittableRandom random = new SplittableRandom(42);
        UUID[] documents = new UUID[DOCUMENTS];
        for (int i = 0; i < DOCUMENTS; i++) {
            documents[i] = new UUID(0, i);
        }
        List<LinkGraph.Edge> edges = new ArrayList<>(DOCUMENTS * CELLS);
        for (int d = 0; d < DOCUMENTS; d++) {
            for (int row = 0; row < CELLS; row++) {
                int source = random.nextInt(DOCUMENTS);
                edges.add(new LinkGraph.Edge(
                        new UUID(1, edges.size()),
                        "bench",
                        "workbook",
                        documents[source],
                        Area.cell("S", random.nextInt(CELLS), 0),
                        null,
                        null,
                        documents[d],
                        Area.cell("S", row, 0),
                        true));
            }
        }
        for (int round = 0; round < 3; round++) {
            LinkGraph graph = new LinkGraph();
            long start = System.nanoTime();
            graph.putAll(edges);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("rebuild round %d: %d links in %d ms%n", round, graph.size(), ms);
            if (round < 2) {
                continue;
            }
            measure(
                    "downstream depth 5",
                    random,
                    (node) -> graph.downstream("bench", node, 5).size(),
                    documents);
            measure(
                    "upstream depth 5",
                    random,
                    (node) -> graph.upstream("bench", node, 5).size(),
                    documents);
            measure(
                    "impact depth 5",
                    random,
                    (node) -> graph.impact("bench", node, 5).size(),
                    documents);
            System.out.printf(
                    "document cycle check (path search): %s%n",
                    graph.documentPath(documents[0], documents[1]).size());
        }
    }

    private interface Query {
        int run(LinkGraph.Node node);
    }

    private static void measure(String name, SplittableRandom random, Query query, UUID[] documents) {
        long[] nanos = new long[QUERIES];
        long reached = 0;
        for (int i = -2000; i < QUERIES; i++) { // the first 2,000 warm up
            LinkGraph.Node node = LinkGraph.Node.workbook(
                    documents[random.nextInt(documents.length)], Area.cell("S", random.nextInt(CELLS), 0));
            long start = System.nanoTime();
            int size = query.run(node);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
                reached += size;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%s: p50 %.3f ms, p99 %.3f ms, max %.3f ms, mean result size %.1f (%d queries)%n",
                name,
                nanos[QUERIES / 2] / 1e6,
                nanos[QUERIES * 99 / 100] / 1e6,
                nanos[QUERIES - 1] / 1e6,
                reached / (double) QUERIES,
                QUERIES);
    }
}
