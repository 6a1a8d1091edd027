package io.ledgerflow.linking.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.linking.reference.Area;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The cycle check's search ({@link LinkGraph#cellPath}) against a brute-force oracle: random links
 * between blocks of three workbooks (sheets {@code S}, {@code s} — the same sheet — and {@code T}),
 * expanded cell by cell; a new link closes a cycle of links exactly when some cell of its
 * destination reaches, cell by cell, some cell of its source. The path found must be a real chain,
 * and the document-level check must refuse whatever the exact one does.
 */
class CyclePathPropertyTest {

    private static final int DOCUMENTS = 3;
    private static final int GRID = 3;

    record Block(int document, String sheet, int row, int col) {}

    record Link(Block source, Block destination, int rows, int cols, boolean active) {

        UUID sourceDocument() {
            return document(source.document());
        }

        UUID destinationDocument() {
            return document(destination.document());
        }

        Area sourceArea() {
            return area(source, rows, cols);
        }

        Area destinationArea() {
            return area(destination, rows, cols);
        }

        boolean valid() {
            return !(source.document() == destination.document() && sourceArea().overlaps(destinationArea()));
        }
    }

    record Scenario(List<Link> links, Link added) {}

    @Property(tries = 2000)
    void aCycleIsFoundExactlyWhenCellsFlowBackAndItsPathIsARealChain(@ForAll("scenarios") Scenario scenario) {
        LinkGraph graph = graph(scenario.links());
        Link added = scenario.added();
        List<LinkGraph.Step> path = graph.cellPath(
                added.destinationDocument(), added.destinationArea(), added.sourceDocument(), added.sourceArea());

        assertThat(path).isNotNull();
        assertThat(!path.isEmpty()).isEqualTo(oracle(scenario.links(), added));
        UUID at = added.destinationDocument();
        Area filled = added.destinationArea();
        for (LinkGraph.Step step : path) {
            LinkGraph.Edge edge = step.edge();
            assertThat(edge.active()).isTrue();
            assertThat(edge.sourceDocument()).isEqualTo(at);
            assertThat(within(step.from(), filled))
                    .as("a step leaves from cells the chain filled")
                    .isTrue();
            assertThat(within(step.from(), edge.sourceArea())).isTrue();
            assertThat(step.to()).isEqualTo(step.from().mapped(edge.sourceArea(), edge.destinationArea()));
            at = edge.destinationDocument();
            filled = step.to();
        }
        if (!path.isEmpty()) {
            assertThat(at).isEqualTo(added.sourceDocument());
            assertThat(filled.overlaps(added.sourceArea())).isTrue();
            if (!added.sourceDocument().equals(added.destinationDocument())) {
                assertThat(graph.documentPath(added.destinationDocument(), added.sourceDocument()))
                        .as("the document-level check refuses every exact cycle")
                        .isNotEmpty();
            }
        }
    }

    @Example
    void linksBetweenOtherCellsOfTheSameTwoWorkbooksAreNoCycleOfLinks() {
        UUID w1 = document(0);
        UUID w2 = document(1);
        LinkGraph graph = new LinkGraph();
        graph.put(edge(1, w1, Area.cell("Sheet1", 0, 0), w2, Area.cell("Sheet1", 0, 1))); // W1!A1 → W2!B1
        // W2!C1 → W1!A2 is not a cycle of links: only a formula in W2 (C1 from B1) would close one
        assertThat(graph.cellPath(w1, Area.cell("Sheet1", 1, 0), w2, Area.cell("Sheet1", 0, 2)))
                .isEmpty();
        assertThat(graph.documentPath(w1, w2)).hasSize(1);
        // a link inside W2 from B1 to C1: W2!C1 → W1!A2 still carries nothing round (A2 flows nowhere)
        graph.put(edge(2, w2, Area.cell("Sheet1", 0, 1), w2, Area.cell("Sheet1", 0, 2)));
        assertThat(graph.cellPath(w1, Area.cell("Sheet1", 1, 0), w2, Area.cell("Sheet1", 0, 2)))
                .isEmpty();
        // but W2!C1 → W1!A1 (the sheet spelt in another case) closes W1!A1 → W2!B1 → W2!C1
        assertThat(graph.cellPath(w1, Area.cell("SHEET1", 0, 0), w2, Area.cell("Sheet1", 0, 2)))
                .extracting(step -> step.edge().linkId().getLeastSignificantBits())
                .containsExactly(1L, 2L);
    }

    @Example
    void twoLinksInsideOneWorkbookCarryingCellsToEachOtherAreACycle() {
        UUID w = document(0);
        LinkGraph graph = new LinkGraph();
        graph.put(edge(1, w, new Area("S", 0, 0, 1, 0), w, new Area("S", 0, 2, 1, 2))); // A1:A2 → C1:C2
        // C2 → A2 carries back a cell that flows out; C2 → A3 does not
        assertThat(graph.cellPath(w, Area.cell("S", 1, 0), w, Area.cell("S", 1, 2)))
                .hasSize(1)
                .first()
                .satisfies(step -> {
                    assertThat(step.from()).isEqualTo(Area.cell("S", 1, 0));
                    assertThat(step.to()).isEqualTo(Area.cell("S", 1, 2));
                });
        assertThat(graph.cellPath(w, Area.cell("S", 2, 0), w, Area.cell("S", 1, 2)))
                .isEmpty();
    }

    /** Brute force: every link as cell-to-cell edges; a search from each destination cell. */
    private static boolean oracle(List<Link> links, Link added) {
        Set<String> targets = cells(added.sourceDocument(), added.sourceArea());
        Set<String> seen = new HashSet<>(cells(added.destinationDocument(), added.destinationArea()));
        ArrayDeque<String> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            String cell = queue.poll();
            if (targets.contains(cell)) {
                return true;
            }
            for (Link link : links) {
                if (!link.active()) {
                    continue;
                }
                List<String> from = new ArrayList<>(cells(link.sourceDocument(), link.sourceArea()));
                List<String> to = new ArrayList<>(cells(link.destinationDocument(), link.destinationArea()));
                int index = from.indexOf(cell);
                if (index >= 0 && seen.add(to.get(index))) {
                    queue.add(to.get(index));
                }
            }
        }
        return false;
    }

    /** The cells of a block, row by row, as text keys (the sheet lower-cased: sheets compare so). */
    private static Set<String> cells(UUID document, Area area) {
        Set<String> cells = new java.util.LinkedHashSet<>();
        for (int r = area.row1(); r <= area.row2(); r++) {
            for (int c = area.col1(); c <= area.col2(); c++) {
                cells.add(document + "/" + area.sheet().toLowerCase(java.util.Locale.ROOT) + "/" + r + "/" + c);
            }
        }
        return cells;
    }

    /** Every cell of {@code part} in {@code whole}, as addresses (sheets compare case-insensitively). */
    private static boolean within(Area part, Area whole) {
        return whole.overlaps(part)
                && part.row1() >= whole.row1()
                && part.row2() <= whole.row2()
                && part.col1() >= whole.col1()
                && part.col2() <= whole.col2();
    }

    private static LinkGraph graph(List<Link> links) {
        LinkGraph graph = new LinkGraph();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            graph.put(new LinkGraph.Edge(
                    new UUID(1, i),
                    "w",
                    "workbook",
                    link.sourceDocument(),
                    link.sourceArea(),
                    null,
                    null,
                    link.destinationDocument(),
                    link.destinationArea(),
                    link.active()));
        }
        return graph;
    }

    private static LinkGraph.Edge edge(long id, UUID from, Area source, UUID to, Area destination) {
        return new LinkGraph.Edge(new UUID(1, id), "w", "workbook", from, source, null, null, to, destination, true);
    }

    private static UUID document(int index) {
        return new UUID(0, index);
    }

    private static Area area(Block block, int rows, int cols) {
        int row = Math.min(block.row(), GRID - rows);
        int col = Math.min(block.col(), GRID - cols);
        return new Area(block.sheet(), row, col, row + rows - 1, col + cols - 1);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Link> links = link().filter(Link::valid);
        return Combinators.combine(links.list().ofMaxSize(14), links).as(Scenario::new);
    }

    private static Arbitrary<Link> link() {
        return Combinators.combine(
                        block(),
                        block(),
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(0, 9).map(n -> n > 0))
                .as(Link::new);
    }

    private static Arbitrary<Block> block() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, DOCUMENTS - 1),
                        Arbitraries.of("S", "s", "T"),
                        Arbitraries.integers().between(0, GRID - 1),
                        Arbitraries.integers().between(0, GRID - 1))
                .as(Block::new);
    }
}
