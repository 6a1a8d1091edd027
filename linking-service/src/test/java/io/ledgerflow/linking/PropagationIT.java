package io.ledgerflow.linking;

import static io.ledgerflow.linking.Fixture.cell;
import static io.ledgerflow.linking.Fixture.values;
import static io.ledgerflow.linking.Fixture.workbookLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Propagation and the producer side of the LinkedValuesSet v2 contract: changed source cells become
 * one LinkedValuesSet per destination workbook (every link into it), shaped like the contract sample; references
 * are matched by address whatever their spelling; a new link gets the source's values at once.
 */
@IntegrationTest
class PropagationIT {

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(port, "prop-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
    }

    @Test
    void aChangedSourceCellIsCarriedToTheDestinationOnceInTheContractsShape() throws Exception {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        JsonNode link = f.link(workbookLink(source, "Rates!B2", destination, "Sheet1!C3"));

        EventEnvelope changed =
                f.changed(source, 2, cell("Rates!B2", "Rates", 1, 1, 1.0825), cell("Rates!B3", "Rates", 2, 1, 9));
        f.sendWorkbook(source, changed); // redelivered

        List<EventEnvelope> carried = f.linkedValues(destination, 1);
        EventEnvelope event = carried.getFirst();
        assertThat(event.type()).isEqualTo("LinkedValuesSet");
        assertThat(event.causationId()).isEqualTo(changed.id());
        assertThat(event.payload().get("sourceRevision").asLong()).isEqualTo(2);
        assertThat(values(event)).containsExactly(Map.entry("Sheet1!C3", 1.0825));
        assertThat(Fixture.firstLink(event)
                        .get("values")
                        .get(0)
                        .get("sourceRef")
                        .asString())
                .isEqualTo("Rates!B2");
        String raw = TopicReader.read(
                        Topics.Linking.LINKED_VALUES.name(),
                        destination.toString(),
                        1,
                        m -> m.contains("\"LinkedValuesSet\""))
                .getFirst();
        assertSameShape(contractSample(), Fixture.JSON.readTree(raw), "");

        // The redelivered change produced nothing more: a later change is the next message.
        f.changed(source, 3, cell("Rates!B2", "Rates", 1, 1, 2));
        List<EventEnvelope> both = f.linkedValues(destination, 2);
        assertThat(both.get(1).payload().get("sourceRevision").asLong()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> f.get(f.links() + "/" + link.get("id").asString())
                                .get("propagatedRevision")
                                .asLong()
                        == 3);
    }

    @Test
    void sheetsNamedLikeColumnsAreMatchedByAddressHoweverTheReferenceIsSpelt() {
        // S, Src, Dst and Tax are all valid column names: calculation quotes them ('Src'!A1).
        UUID source = f.workbook("Source");
        UUID destination = f.workbook("Destination");
        f.link(workbookLink(source, "Src!A1", destination, "Dst!B2"));
        f.link(workbookLink(source, "'S'!$B$1", destination, "'Dst'!B3"));
        f.link(workbookLink(source, "tax!c1", destination, "Dst!B4"));
        JsonNode listed = f.get(f.links());
        assertThat(listed.findValuesAsString("sourceRef")).containsExactlyInAnyOrder("'Src'!A1", "'S'!B1", "'tax'!C1");
        assertThat(listed.findValuesAsString("destinationRef"))
                .containsExactlyInAnyOrder("'Dst'!B2", "'Dst'!B3", "'Dst'!B4");

        f.changed(
                source,
                2,
                cell("'Src'!A1", "Src", 0, 0, 10),
                cell("'S'!B1", "S", 0, 1, 20),
                cell("'Tax'!C1", "Tax", 0, 2, 30),
                cell("'Src'!A2", "Src", 1, 0, 99));

        List<EventEnvelope> carried = f.linkedValues(destination, 1);
        assertThat(carried.getFirst().payload().get("links"))
                .as("three links, one event")
                .hasSize(3);
        Map<String, Object> all = new java.util.HashMap<>(values(carried.getFirst()));
        assertThat(all)
                .containsOnly(Map.entry("'Dst'!B2", 10.0), Map.entry("'Dst'!B3", 20.0), Map.entry("'Dst'!B4", 30.0));
    }

    @Test
    void aRangeCarriesEveryCellAndANewLinkStartsWithTheSourcesCurrentValues() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        JsonNode link = f.link(workbookLink(source, "Rates!A1:B2", destination, "Sheet1!C3:D4"));
        assertThat(link.get("kind").asString()).isEqualTo("range");
        assertThat(link.get("stale").asBoolean()).as("nothing delivered yet").isTrue();
        String id = link.get("id").asString();

        // linking asked calculation (through the log); calculation's answer is the first delivery
        f.answerRequest(
                source,
                id,
                5,
                cell("Rates!A1", "Rates", 0, 0, 1),
                cell("Rates!B1", "Rates", 0, 1, 2),
                cell("Rates!A2", "Rates", 1, 0, 3),
                cell("Rates!B2", "Rates", 1, 1, 4));
        EventEnvelope initial = f.linkedValues(destination, 1).getFirst();
        assertThat(initial.payload().get("sourceRevision").asLong()).isEqualTo(5);
        assertThat(values(initial))
                .containsOnly(
                        Map.entry("Sheet1!C3", 1.0),
                        Map.entry("Sheet1!D3", 2.0),
                        Map.entry("Sheet1!C4", 3.0),
                        Map.entry("Sheet1!D4", 4.0));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !f.get(f.links() + "/" + id).get("stale").asBoolean());

        f.changed(source, 6, cell("Rates!B2", "Rates", 1, 1, 40), cell("Rates!C2", "Rates", 1, 2, 0));
        assertThat(values(f.linkedValues(destination, 2).get(1))).containsOnly(Map.entry("Sheet1!D4", 40.0));

        Http.Response otherShape =
                f.http.postJson(f.links(), workbookLink(source, "Rates!A1:B2", destination, "Sheet1!F1:F4"));
        assertThat(otherShape.status()).isEqualTo(422);
        assertThat(otherShape.isProblem()).isTrue();
        assertThat(otherShape.body())
                .contains("destination.ref")
                .contains("2×2")
                .contains("4×1");
        Http.Response overlapping =
                f.http.postJson(f.links(), workbookLink(source, "Rates!E1:E2", destination, "Sheet1!D4:D5"));
        assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);
        assertThat(overlapping.body()).contains("destination.ref").contains(id);
        assertThat(f.get(f.links())).as("nothing half-created").hasSize(1);
    }

    @Test
    void aRefErrorTravelsDownTheChainEvenThroughAManualLinkWhileOtherErrorsStay() {
        UUID middle = f.workbook("B");
        UUID last = f.workbook("C");
        f.link(workbookLink(middle, "Sheet1!A1:A2", last, "Sheet1!B1:B2"));
        String manual = f.link("{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + middle
                        + "\",\"ref\":\"Sheet1!A3\"},\"destination\":{\"workbookId\":\"" + last
                        + "\",\"ref\":\"Sheet1!B3\"},\"publishMode\":\"manual\"}")
                .get("id")
                .asString();

        // B's A1 lost its source upstream (#REF!), A2 divides by zero, A3 (manual) lost its source too
        f.changed(
                middle,
                2,
                error("Sheet1!A1", 0, "#REF!"),
                error("Sheet1!A2", 1, "#DIV/0!"),
                error("Sheet1!A3", 2, "#REF!"));
        EventEnvelope carried = f.linkedValues(last, 1).getFirst();
        assertThat(values(carried))
                .as("#REF! is carried, #DIV/0! stays in its own workbook")
                .containsOnly(Map.entry("Sheet1!B1", "#REF!"));
        JsonNode value = Fixture.firstLink(carried).get("values").get(0);
        assertThat(value.get("error").asString()).isEqualTo("#REF!");
        assertThat(value.get("value").isNull()).isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> f.get(f.links() + "?pending=true").size() == 1);
        assertThat(f.http.postJson(f.links() + "/" + manual + "/publish", "").body())
                .contains("\"published\":1");
        assertThat(values(f.linkedValues(last, 2).get(1)))
                .as("a held #REF! is published as #REF!")
                .containsOnly(Map.entry("Sheet1!B3", "#REF!"));
    }

    /** A changed cell of Sheet1 column A holding an error, as calculation publishes it. */
    private static Map<String, Object> error(String ref, int row, String error) {
        return Map.of(
                "ref",
                ref,
                "sheet",
                "Sheet1",
                "row",
                row,
                "col",
                0,
                "newValue",
                Map.of("type", "error", "value", error));
    }

    @Test
    void aManualLinkHoldsChangesUntilPublishedAndShowsItselfStale() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        JsonNode link = f.link("{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source
                + "\",\"ref\":\"Rates!A1\"},\"destination\":{\"workbookId\":\"" + destination
                + "\",\"ref\":\"Sheet1!A1\"},\"publishMode\":\"manual\"}");
        String id = link.get("id").asString();
        f.answerRequest(source, id, 1, cell("Rates!A1", "Rates", 0, 0, 1));
        f.linkedValues(destination, 1);

        f.changed(source, 2, cell("Rates!A1", "Rates", 0, 0, 2));
        f.changed(source, 3, cell("Rates!A1", "Rates", 0, 0, 3));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> f.get(f.links() + "?pending=true").size() == 1);
        List<EventEnvelope> told = f.linkStates(destination, 2); // both changes were handled
        JsonNode held = f.get(f.links() + "/" + id);
        assertThat(told).as("the destination learns what is held").allSatisfy(state -> {
            assertThat(Fixture.firstState(state).get("status").asString()).isEqualTo("active");
            assertThat(Fixture.firstState(state).get("sourceDeleted").asBoolean())
                    .isFalse();
        });
        assertThat(Fixture.firstState(told.get(1)).get("heldRevision").asLong()).isEqualTo(3);
        assertThat(held.get("stale").asBoolean()).isTrue();
        assertThat(held.get("behindBy").asLong()).isEqualTo(2);
        assertThat(held.get("pending").asInt()).isEqualTo(1);

        Http.Response published = f.http.postJson(f.links() + "/" + id + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("\"published\":1");
        EventEnvelope carried = f.linkedValues(destination, 2).get(1);
        assertThat(carried.payload().get("sourceRevision").asLong()).isEqualTo(3);
        assertThat(values(carried)).containsOnly(Map.entry("Sheet1!A1", 3.0));
        JsonNode after = f.get(f.links() + "/" + id);
        assertThat(after.get("stale").asBoolean()).isFalse();
        assertThat(f.get(f.links() + "?pending=true")).isEmpty();
        assertThat(f.http.postJson(f.links() + "/publish", "").body()).contains("\"published\":0");
    }

    @Test
    void aLinkThatWouldCloseACycleIsRefusedWithItsPath() {
        UUID a = f.workbook("A");
        UUID b = f.workbook("B");
        UUID c = f.workbook("C");
        JsonNode ab = f.link(workbookLink(a, "S!A1", b, "S!A1"));
        JsonNode bc = f.link(workbookLink(b, "S!A1", c, "S!A1"));
        Http.Response cycle = f.http.postJson(f.links(), workbookLink(c, "S!B1", a, "S!B1"));
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(409);
        assertThat(cycle.isProblem()).isTrue();
        JsonNode path = Fixture.JSON.readTree(cycle.body()).get("cycle");
        assertThat(path).hasSize(3);
        assertThat(path.get(0).get("linkId").asString()).isEqualTo(ab.get("id").asString());
        assertThat(path.get(0).get("fromDocument").asString()).isEqualTo(a.toString());
        assertThat(path.get(0).get("fromRef").asString()).isEqualTo("'S'!A1");
        assertThat(path.get(1).get("linkId").asString()).isEqualTo(bc.get("id").asString());
        assertThat(path.get(2).get("fromDocument").asString()).isEqualTo(c.toString());
        assertThat(path.get(2).get("toDocument").asString()).isEqualTo(a.toString());
        // no cell flows round by links alone: refused because formulas in A and C could close it
        assertThat(Fixture.JSON.readTree(cycle.body()).get("certain").asBoolean())
                .isFalse();
        assertThat(viaFormulas(path)).containsExactly(true, false, true);
        assertThat(f.get(f.links())).hasSize(2);

        // lineage follows the chain at cell granularity, both ways
        JsonNode down = f.get("/api/linking/workspaces/" + f.workspace + "/lineage?documentId=" + a
                + "&ref=S!A1&direction=downstream&depth=5");
        assertThat(down.get("downstream")).hasSize(2); // A!A1 → B!A1 → C!A1
        assertThat(down.get("downstream").get(1).get("to").get("document").asString())
                .isEqualTo(c.toString());
        JsonNode up = f.get("/api/linking/workspaces/" + f.workspace + "/lineage?documentId=" + c
                + "&ref=S!A1&direction=upstream&depth=5");
        assertThat(up.get("upstream")).hasSize(2);
        assertThat(up.get("upstream").get(0).get("from").get("document").asString())
                .isEqualTo(b.toString());
        JsonNode impact = f.get("/api/linking/workspaces/" + f.workspace + "/impact?documentId=" + a);
        assertThat(impact.get("documentCount").asLong()).isEqualTo(2);
        assertThat(impact.get("cellCount").asLong()).isEqualTo(2);
        assertThat(f.http.get("/api/linking/workspaces/elsewhere/impact?documentId=" + a)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aCycleOfLinksIsNamedCellByCellAndOneInsideAWorkbookIsRefusedToo() {
        UUID a = f.workbook("A");
        UUID b = f.workbook("B");
        JsonNode ab = f.link(workbookLink(a, "S!A1:A2", b, "Dst!B1:B2"));
        // A!A2 → B!B2, and back from B!B2 (the sheet spelt otherwise) onto A!A2
        Http.Response back = f.http.postJson(f.links(), workbookLink(b, "dst!$B$2", a, "'S'!A2"));
        assertThat(back.status()).as(back.body()).isEqualTo(409);
        JsonNode problem = Fixture.JSON.readTree(back.body());
        assertThat(problem.get("certain").asBoolean()).isTrue();
        JsonNode path = problem.get("cycle");
        assertThat(path).hasSize(2);
        assertThat(path.get(0).get("linkId").asString()).isEqualTo(ab.get("id").asString());
        assertThat(path.get(0).get("fromRef").asString()).isEqualTo("'S'!A2"); // the cell on the cycle, not A1:A2
        assertThat(path.get(0).get("toRef").asString()).isEqualTo("'Dst'!B2");
        assertThat(path.get(1).get("fromDocument").asString()).isEqualTo(b.toString());
        assertThat(viaFormulas(path)).containsExactly(false, false);

        // inside one workbook: C!A1 → C!B1, then C!B1 → C!A1 (no formula, so no engine, sees it)
        UUID c = f.workbook("C");
        f.link(workbookLink(c, "S!A1", c, "S!B1"));
        Http.Response inside = f.http.postJson(f.links(), workbookLink(c, "S!B1", c, "S!A1"));
        assertThat(inside.status()).as(inside.body()).isEqualTo(409);
        assertThat(Fixture.JSON.readTree(inside.body()).get("certain").asBoolean())
                .isTrue();
        // C!B1 → C!A2 carries nothing round
        f.link(workbookLink(c, "S!B1", c, "S!A2"));
        assertThat(f.get(f.links())).hasSize(3);
    }

    private static List<Boolean> viaFormulas(JsonNode path) {
        return path.valueStream().map(hop -> hop.get("viaFormulas").asBoolean()).toList();
    }

    record WorkbookStructureChanged(
            UUID workbookId, long revision, String operation, String sheet, String toSheet, Integer at, Integer count)
            implements io.ledgerflow.eventlog.DomainEvent {}

    @Test
    void linksFollowStructuralEditsAsExcelReferencesWouldAndBreakWhenTheirCellsGo() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        String id = f.link(workbookLink(source, "Src!A2", destination, "Dst!B2"))
                .get("id")
                .asString();
        f.sendWorkbook(
                source,
                f.workbookEvent(source, new WorkbookStructureChanged(source, 2, "insert-rows", "Src", null, 0, 1)));
        f.sendWorkbook(
                destination,
                f.workbookEvent(
                        destination,
                        new WorkbookStructureChanged(destination, 2, "delete-columns", "dst", null, 0, 1)));
        f.sendWorkbook(
                source,
                f.workbookEvent(
                        source, new WorkbookStructureChanged(source, 3, "rename-sheet", "Src", "Rates", null, null)));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        f.get(f.links() + "/" + id).get("sourceRef").asString().equals("Rates!A3")
                                && f.get(f.links() + "/" + id)
                                        .get("destinationRef")
                                        .asString()
                                        .equals("'Dst'!A2"));

        f.changed(source, 4, cell("Rates!A2", "Rates", 1, 0, 1), cell("Rates!A3", "Rates", 2, 0, 7));
        EventEnvelope carried = f.linkedValues(destination, 1).getFirst();
        assertThat(values(carried)).containsOnly(Map.entry("'Dst'!A2", 7.0));
        Http.Response onMovedCell = f.http.postJson(f.links(), workbookLink(source, "Rates!C9", destination, "Dst!A2"));
        assertThat(onMovedCell.status())
                .as("the destination cell moved with its link")
                .isEqualTo(409);

        f.sendWorkbook(
                source,
                f.workbookEvent(source, new WorkbookStructureChanged(source, 5, "delete-rows", "Rates", null, 2, 1)));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        f.get(f.links() + "/" + id).get("status").asString().equals("broken"));
        assertThat(f.get(f.links() + "/" + id).get("statusReason").asString()).contains("'Rates'!A3".replace("'", ""));
        EventEnvelope gone = f.linkStates(destination, 1).getFirst();
        assertThat(Fixture.firstState(gone).get("linkId").asString()).isEqualTo(id);
        assertThat(Fixture.firstState(gone).get("status").asString()).isEqualTo("broken");
        assertThat(Fixture.firstState(gone).get("sourceDeleted").asBoolean())
                .as("the destination shows #REF!")
                .isTrue();
        assertThat(Fixture.firstState(gone).get("destinationRef").asString()).isEqualTo("'Dst'!A2");
        assertThat(gone.payload().propertyNames())
                .as("every field of the contract sample")
                .containsAll(contractSample("LinkStateChanged").get("payload").propertyNames());
        assertThat(Fixture.firstState(gone).propertyNames())
                .as("every field of the sample's link states (nullable ones null here)")
                .containsAll(contractSample("LinkStateChanged")
                        .get("payload")
                        .get("links")
                        .get(0)
                        .propertyNames());
    }

    @Test
    void aChangeHoldingManyManualLinksIsOneStateEventPerDestinationWorkbook() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        List<String> ids = new java.util.ArrayList<>();
        for (String cell : List.of("Sheet1!A1", "Sheet1!A2", "Sheet1!A3")) {
            ids.add(f.link("{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source
                            + "\",\"ref\":\"Rates!A1\"},\"destination\":{\"workbookId\":\"" + destination
                            + "\",\"ref\":\"" + cell + "\"},\"publishMode\":\"manual\"}")
                    .get("id")
                    .asString());
        }
        f.changed(source, 2, cell("Rates!A1", "Rates", 0, 0, 2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> f.get(f.links() + "?pending=true").size() == 3);
        f.changed(source, 3, cell("Rates!A1", "Rates", 0, 0, 3));

        List<EventEnvelope> told = f.linkStates(destination, 2);
        assertThat(told)
                .as("one event per change, each naming all three held links")
                .allSatisfy(state -> {
                    assertThat(state.version()).isEqualTo(2);
                    assertThat(state.payload()
                                    .get("links")
                                    .valueStream()
                                    .map(l -> l.get("linkId").asString())
                                    .toList())
                            .containsExactlyInAnyOrderElementsOf(ids);
                });
        assertThat(told.get(1)
                        .payload()
                        .get("links")
                        .valueStream()
                        .map(l -> l.get("heldRevision").asLong())
                        .toList())
                .containsOnly(3L);
        assertThat(f.http.postJson(f.links() + "/publish?document=" + destination, "")
                        .body())
                .contains("\"published\":3");
    }

    @Test
    void aLinkWhoseDestinationIsDeletedBreaksWithoutARefError() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        String id = f.link(workbookLink(source, "Rates!A1", destination, "Sheet1!A1"))
                .get("id")
                .asString();
        f.sendWorkbook(
                destination,
                f.workbookEvent(
                        destination,
                        new WorkbookStructureChanged(destination, 2, "delete-rows", "Sheet1", null, 0, 1)));
        EventEnvelope state = f.linkStates(destination, 1).getFirst();
        assertThat(Fixture.firstState(state).get("linkId").asString()).isEqualTo(id);
        assertThat(Fixture.firstState(state).get("status").asString()).isEqualTo("broken");
        assertThat(Fixture.firstState(state).get("sourceDeleted").asBoolean()).isFalse();
    }

    private static JsonNode contractSample() throws Exception {
        return contractSample("LinkedValuesSet");
    }

    private static JsonNode contractSample(String type) {
        String version = ".v2"; // LinkedValuesSet and LinkStateChanged
        try (InputStream in = PropagationIT.class.getResourceAsStream("/contracts/" + type + version + ".json")) {
            return Fixture.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every field of the contract sample is in the produced message, with the same JSON type. */
    private static void assertSameShape(JsonNode sample, JsonNode produced, String path) {
        assertThat(produced).as("field " + path).isNotNull();
        if (sample.isObject()) {
            for (Iterator<String> names = sample.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                assertSameShape(sample.get(name), produced.get(name), path + "." + name);
            }
        } else if (sample.isArray()) {
            assertThat(produced.isArray()).as(path).isTrue();
            if (!sample.isEmpty()) {
                assertSameShape(sample.get(0), produced.get(0), path + "[0]");
            }
        } else if (!sample.isNull()) {
            assertThat(produced.getNodeType()).as(path).isEqualTo(sample.getNodeType());
        }
    }
}
