package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A property over generated cases, through the real broker: random link graphs (cells and blocks
 * between random workbooks) and random edits, delivered with duplicates and out of order. Plays
 * calculation's side (answers each new link's request, applies LinkedValuesSet v2 per cell, ignoring
 * a value older than the one a cell holds). Checks that every destination cell converges to its
 * source cell's final value, that linking applied each distinct event once (the documents'
 * applied-event counts), emitted exactly one LinkedValuesSet per (event, destination workbook it
 * reaches) and carried no link twice for one source revision.
 */
@IntegrationTest
class ConvergencePropertyIT {

    private static final int CASES = 3;

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    record Cell(UUID workbook, int row, int col) {}

    record Applied(Object value, long revision) {}

    @Test
    void everyDestinationConvergesAndNoEffectIsAppliedTwice() {
        long seed = new Random().nextLong();
        for (int c = 0; c < CASES; c++) {
            runCase(seed + c);
        }
    }

    private void runCase(long seed) {
        Random random = new Random(seed);
        Fixture f = new Fixture(port, "prop-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
        int workbookCount = 2 + random.nextInt(3);
        List<UUID> workbooks = new ArrayList<>();
        for (int i = 0; i < workbookCount; i++) {
            workbooks.add(f.workbook("W" + i));
        }
        // Sources live on sheet Src, destinations on sheet Dst: values do not chain through formulas.
        Map<Cell, Object> sourceValues = new HashMap<>();
        Map<Cell, Cell> sourceOf = new HashMap<>();
        Map<UUID, Integer> expectedEvents = new HashMap<>();
        List<JsonNode> links = new ArrayList<>();
        int linkCount = 3 + random.nextInt(5);
        for (int i = 0; i < linkCount; i++) {
            UUID from = workbooks.get(random.nextInt(workbookCount));
            UUID to = workbooks.get(random.nextInt(workbookCount));
            int rows = 1 + random.nextInt(2);
            int sr = random.nextInt(6);
            int sc = random.nextInt(3);
            int dr = i * 3; // destination blocks never overlap
            String sourceRef = "Src!" + a1(sr, sc) + (rows > 1 ? ":" + a1(sr + rows - 1, sc) : "");
            String destRef = "Dst!" + a1(dr, 0) + (rows > 1 ? ":" + a1(dr + rows - 1, 0) : "");
            var response = f.http.postJson(f.links(), Fixture.workbookLink(from, sourceRef, to, destRef));
            if (response.status() != 201) {
                assertThat(response.status())
                        .as("seed %d: %s", seed, response.body())
                        .isEqualTo(409);
                continue; // a cycle across documents: refused, and that is fine
            }
            JsonNode link = Fixture.JSON.readTree(response.body());
            links.add(link);
            for (int k = 0; k < rows; k++) {
                sourceOf.put(new Cell(to, dr + k, 0), new Cell(from, sr + k, sc));
            }
            // calculation's answer: the block's values as they stand (nothing set yet: empty)
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int k = 0; k < rows; k++) {
                cells.add(Map.of(
                        "ref",
                        "Src!" + a1(sr + k, sc),
                        "sheet",
                        "Src",
                        "row",
                        sr + k,
                        "col",
                        sc,
                        "newValue",
                        Map.of("type", "number", "value", 0)));
                sourceValues.putIfAbsent(new Cell(from, sr + k, sc), 0);
            }
            f.answerRequest(from, link.get("id").asString(), 1, cells.toArray(Map[]::new));
            expectedEvents.merge(to, 1, Integer::sum);
        }
        // Random edits: revision 2.. per workbook, each event a few cells of Src.
        List<EventEnvelope> envelopes = new ArrayList<>();
        Map<UUID, Long> revisions = new HashMap<>();
        Map<UUID, Integer> distinctChanges = new HashMap<>();
        int edits = 5 + random.nextInt(10);
        for (int e = 0; e < edits; e++) {
            UUID workbook = workbooks.get(random.nextInt(workbookCount));
            long revision = revisions.merge(workbook, 1L, Long::sum) + 1;
            List<Map<String, Object>> cells = new ArrayList<>();
            Set<Cell> touched = new HashSet<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                Cell cell = new Cell(workbook, random.nextInt(7), random.nextInt(3));
                if (!touched.add(cell)) {
                    continue;
                }
                int value = random.nextInt(1000);
                cells.add(Fixture.cell("Src!" + a1(cell.row(), cell.col()), "Src", cell.row(), cell.col(), value));
                sourceValues.put(cell, value);
            }
            envelopes.add(f.workbookEvent(
                    workbook, new Fixture.CellValuesChanged(workbook, revision, 1, 1, List.copyOf(cells))));
            distinctChanges.merge(workbook, 1, Integer::sum);
            Set<UUID> reached = new HashSet<>(); // one LinkedValuesSet per destination workbook reached
            for (JsonNode link : links) {
                if (UUID.fromString(link.get("sourceDocumentId").asString()).equals(workbook)
                        && touches(link, touched)) {
                    reached.add(
                            UUID.fromString(link.get("destinationWorkbookId").asString()));
                }
            }
            reached.forEach(to -> expectedEvents.merge(to, 1, Integer::sum));
        }
        // Deliver: every event, a third of them twice, in a shuffled order.
        List<EventEnvelope> deliveries = new ArrayList<>(envelopes);
        for (EventEnvelope envelope : envelopes) {
            if (random.nextInt(3) == 0) {
                deliveries.add(envelope);
            }
        }
        Collections.shuffle(deliveries, random);
        for (EventEnvelope envelope : deliveries) {
            f.sendWorkbook(UUID.fromString(envelope.aggregateId()), envelope);
        }
        // Every source workbook applied each distinct change once (plus its creation).
        for (UUID workbook : workbooks) {
            int expected = 1 + distinctChanges.getOrDefault(workbook, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(f, workbook) >= expected);
            assertThat(applied(f, workbook))
                    .as("seed %d: events applied to %s", seed, workbook)
                    .isEqualTo(expected);
        }
        // Calculation's side: apply the LinkedValuesSet events per cell, newest source revision wins.
        Map<Cell, Applied> destination = new HashMap<>();
        for (Map.Entry<UUID, Integer> expected : expectedEvents.entrySet()) {
            List<EventEnvelope> carried = f.linkedValues(expected.getKey(), expected.getValue());
            assertThat(carried)
                    .as("seed %d: one LinkedValuesSet per (event, destination workbook)", seed)
                    .hasSize(expected.getValue());
            Set<String> carriedOnce = new HashSet<>();
            for (EventEnvelope event : carried) {
                long revision = event.payload().get("sourceRevision").asLong();
                event.payload()
                        .get("links")
                        .forEach(link -> assertThat(
                                        carriedOnce.add(link.get("linkId").asString() + "@" + revision))
                                .as("seed %d: link %s carried twice at revision %d", seed, link.get("linkId"), revision)
                                .isTrue());
                Fixture.values(event).forEach((ref, value) -> {
                    int row = Integer.parseInt(ref.substring(ref.indexOf('!') + 2)) - 1;
                    Cell cell = new Cell(expected.getKey(), row, 0);
                    Applied held = destination.get(cell);
                    if (held == null || held.revision() < revision) {
                        destination.put(cell, new Applied(value, revision));
                    }
                });
            }
        }
        sourceOf.forEach((dest, source) -> {
            Object want = sourceValues.get(source);
            Applied got = destination.get(dest);
            assertThat(got).as("seed %d: %s got a value", seed, dest).isNotNull();
            assertThat(((Number) got.value()).intValue())
                    .as("seed %d: %s converges to %s", seed, dest, source)
                    .isEqualTo(((Number) want).intValue());
        });
    }

    private static boolean touches(JsonNode link, Set<Cell> touched) {
        var area = io.ledgerflow.linking.reference.Area.parse(
                "ref", link.get("sourceRef").asString());
        return touched.stream().anyMatch(c -> area.contains("Src", c.row(), c.col()));
    }

    private static long applied(Fixture f, UUID workbook) {
        for (JsonNode document : f.get("/api/linking/workspaces/" + f.workspace + "/documents?size=1000")) {
            if (document.get("id").asString().equals(workbook.toString())) {
                return document.get("appliedEvents").asLong();
            }
        }
        return 0;
    }

    private static String a1(int row, int col) {
        return (char) ('A' + col) + String.valueOf(row + 1);
    }
}
