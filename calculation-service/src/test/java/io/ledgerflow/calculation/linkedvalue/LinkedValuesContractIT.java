package io.ledgerflow.calculation.linkedvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consumer side of the LinkedValuesSet contract: the producer's sample envelopes (event-log's
 * {@code contracts/LinkedValuesSet.v2.json}, what linking emits, and {@code v1}, still read for
 * events already in the log), sent through Kafka, land in the destination cells as one new
 * revision each — once, however often they are delivered.
 */
@IntegrationTest
class LinkedValuesContractIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    Http http;
    String workspace;
    String workbookId;

    @BeforeEach
    void destination() {
        http = new Http("http://localhost:" + port);
        workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Destination\",\"sheets\":{\"Sheet1\":[[100,null],[null,\"=A1*B2\"]]}}");
        workbookId = JSON.readTree(created.body()).get("id").asString();
    }

    @Test
    void theContractSampleSetsTheDestinationCellOnceAndItsDependentsFollow() throws Exception {
        String event = sample(UUID.randomUUID(), 12, 1.0825);
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        assertThat(value("Sheet1!B2")).isEqualTo(1.0825);
        assertThat(value("Sheet1!B2", 1)).isNull();

        // The same event again, and an older value of the same link: neither makes a revision.
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event).get();
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 11, 9.99))
                .get();
        String newer = sample(UUID.randomUUID(), 13, 2.0);
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, newer).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);
        assertThat(value("Sheet1!B2")).isEqualTo(2.0);
        assertThat(revision()).isEqualTo(3);
    }

    @Test
    void theV2SampleSetsEveryLinksCellsInOneRevisionOnceAndCarriesRefErrors() throws Exception {
        String event = sampleV2(UUID.randomUUID(), 12);
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event).get();
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event).get(); // redelivered

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        assertThat(value("Sheet1!B2")).isEqualTo(1.0825);
        JsonNode d = cells("Sheet1!D2:D3", "").get("cells");
        assertThat(d.get(0).get("value").get("value").asString()).isEqualTo("EUR");
        assertThat(d.get(1).get("value").get("type").asString()).isEqualTo("error");
        assertThat(d.get(1).get("value").get("value").asString())
                .as("a #REF! upstream shows here too")
                .isEqualTo("#REF!");
        assertThat(cells("Sheet1!A1:D3", "").get("links"))
                .as("each cell remembers its own link")
                .extracting(link -> link.get("linkId").asString())
                .containsExactlyInAnyOrder(
                        "3c9a4f0e-6d2b-4b1e-8f7a-2e5c9d1b0a64",
                        "5e7b9d1f-3a5c-4e7a-9c1e-3b5d7f9a1c35",
                        "5e7b9d1f-3a5c-4e7a-9c1e-3b5d7f9a1c35");

        // an older delivery of the same links moves nothing; a newer one is the next single revision
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sampleV2(UUID.randomUUID(), 11))
                .get();
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sampleV2(UUID.randomUUID(), 13))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() >= 3);
        assertThat(revision()).isEqualTo(3);
        assertThat(linkOf("Sheet1!B2").get("sourceRevision").asLong()).isEqualTo(13);
    }

    @Test
    void valuesForAnotherWorkspacesWorkbookAreIgnored() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(sample(UUID.randomUUID(), 1, 5.0));
        event.put("tenant", "someone-else");
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event.toString())
                .get();
        // A marker event for the right tenant, sent after it on the same partition.
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 2, 7.0))
                .get();

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        assertThat(value("Sheet1!B2")).isEqualTo(7.0);
    }

    @Test
    void aLinkedCellsReadSaysWhereItsValueComesFromAndWhetherItIsStaleOrHeld() throws Exception {
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 12, 1.0825))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        JsonNode link = linkOf("Sheet1!A1:B2");
        assertThat(link.get("ref").asString()).isEqualTo("Sheet1!B2");
        assertThat(link.get("linkId").asString()).isEqualTo("3c9a4f0e-6d2b-4b1e-8f7a-2e5c9d1b0a64");
        assertThat(link.get("source").get("type").asString()).isEqualTo("workbook");
        assertThat(link.get("source").get("ref").asString()).isEqualTo("Rates!B2");
        assertThat(link.get("sourceRevision").asLong()).isEqualTo(12);
        assertThat(link.get("linkedAt").isString()).isTrue();
        assertThat(link.get("stale").asBoolean()).isFalse();
        assertThat(link.get("held").asBoolean()).isFalse();

        // linking holds revision 14 for a manual publish: the cell says it is two behind
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, state(false, "active", 14L))
                .get();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> linkOf("Sheet1!B2").get("held").asBoolean());
        assertThat(linkOf("Sheet1!B2").get("stale").asBoolean()).isTrue();
        assertThat(linkOf("Sheet1!B2").get("behindBy").asLong()).isEqualTo(2);
        assertThat(revision()).as("a state is no edit").isEqualTo(2);

        // published: the value at 14 arrives and the cell is current again
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 14, 1.5))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);
        assertThat(linkOf("Sheet1!B2").get("stale").asBoolean()).isFalse();
        assertThat(linkOf("Sheet1!B2").get("held").asBoolean()).isFalse();
        assertThat(cells("Sheet1!B2", "?revision=2").get("links"))
                .as("links describe the present, not an old revision")
                .isEmpty();
    }

    @Test
    void aLinkWhoseSourceWasDeletedTurnsItsDestinationIntoRefErrors() throws Exception {
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 12, 1.0825))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        String gone = state(true, "broken", null);
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, gone).get();
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, gone).get(); // redelivered

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);
        JsonNode cell = cells("Sheet1!B2", "").get("cells").get(0);
        assertThat(cell.get("value").get("type").asString()).isEqualTo("error");
        assertThat(cell.get("value").get("value").asString()).isEqualTo("#REF!");
        JsonNode link = linkOf("Sheet1!B2");
        assertThat(link.get("status").asString()).isEqualTo("broken");
        assertThat(link.get("statusReason").asString()).contains("deleted");
        assertThat(link.get("stale").asBoolean()).isTrue();
        // a later marker on the same partition: the redelivery made no second revision
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, state(false, "broken", null))
                .get();
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 15, 3.0))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() >= 4);
        assertThat(revision()).isEqualTo(4);
    }

    @Test
    void linkStateChangedV2AppliesEachLinksStateAsV1Does() throws Exception {
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 12, 1.0825))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 2);
        // the v2 sample: B2's link holds revision 14; C2's link lost its source
        ObjectNode states = sampleFor("LinkStateChanged.v2", UUID.randomUUID(), 0);
        ((ObjectNode) states.get("payload")).remove("sourceRevision"); // not a field of this type
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, states.toString())
                .get();

        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);
        assertThat(linkOf("Sheet1!B2").get("held").asBoolean()).isTrue();
        assertThat(linkOf("Sheet1!B2").get("behindBy").asLong()).isEqualTo(2);
        JsonNode c2 = cells("Sheet1!C2", "").get("cells").get(0);
        assertThat(c2.get("value").get("value").asString())
                .as("the second link's source is gone")
                .isEqualTo("#REF!");
    }

    @Test
    void aLostSourcesRefErrorIsPublishedWithWhatDependsOnItSoLinkingCanCarryItOn() throws Exception {
        http.putJson(
                "/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId + "/cells/Sheet1!A3",
                "{\"content\":\"=B2*2\"}"); // revision 2
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, sample(UUID.randomUUID(), 12, 1.0825))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, state(true, "broken", null))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 4);

        // what linking reads: revision 4's CellValuesChanged names B2 and the formula over it as #REF!
        JsonNode changed = TopicReader.read(
                        Topics.Calculation.WORKBOOK_EVENTS.name(),
                        workbookId,
                        1,
                        m -> m.contains("\"CellValuesChanged\"") && m.contains("\"revision\":4"))
                .stream()
                .map(JSON::readTree)
                .findFirst()
                .orElseThrow()
                .get("payload");
        java.util.Map<String, String> errors = new java.util.HashMap<>();
        changed.get("cells").forEach(cell -> {
            if ("error".equals(cell.get("newValue").get("type").asString())) {
                errors.put(
                        cell.get("ref").asString(),
                        cell.get("newValue").get("value").asString());
            }
        });
        assertThat(errors).containsEntry("Sheet1!B2", "#REF!").containsEntry("Sheet1!A3", "#REF!");
    }

    @Test
    void explainFollowsALinkedInputIntoItsSourceWorkbookAtTheRevisionItReflects() throws Exception {
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Rates\",\"sheets\":{\"Rates\":[[2,\"=A1*3\"]]}}");
        String source = JSON.readTree(created.body()).get("id").asString();
        http.putJson(
                "/api/calc/workspaces/" + workspace + "/workbooks/" + source + "/cells/Rates!A1",
                "{\"content\":5}"); // revision 2: the destination reflects revision 1 (B1 = 6)
        ObjectNode event = (ObjectNode) JSON.readTree(sample(UUID.randomUUID(), 1, 6.0));
        ObjectNode payload = (ObjectNode) event.get("payload");
        ((ObjectNode) payload.get("source")).put("documentId", source);
        ((ObjectNode) payload.get("values").get(0)).put("ref", "Sheet1!A2").put("sourceRef", "Rates!B1");
        http.putJson(
                "/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId + "/cells/Sheet1!B1",
                "{\"content\":\"=A2+1\"}");
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, event.toString())
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> revision() == 3);

        JsonNode explained = JSON.readTree(http.get("/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId
                        + "/cells/Sheet1!B1/explain?depth=4")
                .body());
        assertThat(explained.get("value").get("value").asDouble()).isEqualTo(7.0);
        JsonNode external = explained.get("inputs").get(0).get("external");
        assertThat(external.get("sourceDocumentId").asString()).isEqualTo(source);
        assertThat(external.get("sourceRef").asString()).isEqualTo("Rates!B1");
        JsonNode there = external.get("explained");
        assertThat(there.get("formula").asString()).isEqualTo("=A1*3");
        assertThat(there.get("value").get("value").asDouble())
                .as("the source at the revision the link carried, not its latest")
                .isEqualTo(6.0);
        assertThat(there.get("inputs").get(0).get("value").get("value").asDouble())
                .isEqualTo(2.0);
    }

    private JsonNode cells(String range, String query) {
        return JSON.readTree(
                http.get("/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId + "/cells/" + range + query)
                        .body());
    }

    private JsonNode linkOf(String range) {
        JsonNode links = cells(range, "").get("links");
        assertThat(links).hasSize(1);
        return links.get(0);
    }

    /** The LinkStateChanged sample for this workbook's B2. */
    private String state(boolean sourceDeleted, String status, Long held) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contracts/LinkStateChanged.v1.json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            envelope.put("id", UUID.randomUUID().toString());
            envelope.put("aggregateId", workbookId);
            envelope.put("tenant", workspace);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("destinationWorkbookId", workbookId);
            payload.put("sourceDeleted", sourceDeleted);
            payload.put("status", status);
            payload.put("heldRevision", held);
            return envelope.toString();
        }
    }

    private String sample(UUID eventId, long sourceRevision, double value) throws IOException {
        ObjectNode envelope = sampleFor("LinkedValuesSet.v1", eventId, sourceRevision);
        ((ObjectNode) envelope.get("payload").get("values").get(0)).put("value", value);
        return envelope.toString();
    }

    /** The v2 sample (two links, one of them carrying a #REF!) for this workbook. */
    private String sampleV2(UUID eventId, long sourceRevision) throws IOException {
        return sampleFor("LinkedValuesSet.v2", eventId, sourceRevision).toString();
    }

    /** A contract sample addressed to this workbook, with its own event id and source revision. */
    private ObjectNode sampleFor(String name, UUID eventId, long sourceRevision) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contracts/" + name + ".json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            envelope.put("id", eventId.toString());
            envelope.put("aggregateId", workbookId);
            envelope.put("tenant", workspace);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("destinationWorkbookId", workbookId);
            payload.put("sourceRevision", sourceRevision);
            return envelope;
        }
    }

    private long revision() {
        return JSON.readTree(http.get("/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId)
                        .body())
                .get("revision")
                .asLong();
    }

    private Double value(String ref) {
        return value(ref, null);
    }

    private Double value(String ref, Integer revision) {
        String query = revision == null ? "" : "?revision=" + revision;
        JsonNode cell = JSON.readTree(http.get("/api/calc/workspaces/" + workspace + "/workbooks/" + workbookId
                                + "/cells/" + ref + query)
                        .body())
                .get("cells")
                .get(0)
                .get("value");
        return cell.has("value") && cell.get("value").isNumber()
                ? cell.get("value").asDouble()
                : null;
    }
}
