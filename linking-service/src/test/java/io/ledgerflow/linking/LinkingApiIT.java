package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.inbox.Inbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Linking over real HTTP, PostgreSQL and Kafka: documents learnt from the log, then links. */
@IntegrationTest
class LinkingApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What calculation-service publishes, as a producer-side stand-in. */
    record WorkbookCreated(UUID workbookId, String name, long revision) implements DomainEvent {}

    record WorkbookDeleted(UUID workbookId, long revision) implements DomainEvent {}

    record WorkbookStructureChanged(UUID workbookId, long revision, String operation, String sheet)
            implements DomainEvent {}

    /** What data-sharing-service publishes, with a field linking does not read (tolerant reads). */
    record DatasetCreated(UUID datasetId, String name, String primaryKey) implements DomainEvent {}

    record DatasetRowsChanged(UUID datasetId, long version, int chunk, int chunks, List<Map<String, Object>> rows)
            implements DomainEvent {}

    record DatasetVersionPublished(UUID datasetId, String name, long version, int rowCount, List<String> extra)
            implements DomainEvent {}

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Inbox inbox;

    Http http;
    String workspace;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void documentsComeFromTheLogOnceHoweverOftenDelivered() throws Exception {
        UUID workbook = UUID.randomUUID();
        EventEnvelope envelope =
                events.envelope("workbook", workbook.toString(), workspace, new WorkbookCreated(workbook, "Budget", 1));
        String created = codec.encode(envelope);
        send(Topics.Calculation.WORKBOOK_EVENTS.name(), workbook, created);
        send(Topics.Calculation.WORKBOOK_EVENTS.name(), workbook, created);

        await().atMost(Duration.ofSeconds(30)).until(() -> documents(workspace).size() == 1);
        JsonNode document = documents(workspace).getFirst();
        assertThat(document.get("type").asString()).isEqualTo("workbook");
        assertThat(document.get("id").asString()).isEqualTo(workbook.toString());
        assertThat(document.get("name").asString()).isEqualTo("Budget");
        assertThat(document.get("latest").asLong()).isEqualTo(1);
        assertThat(documents("someone-else")).isEmpty();
        assertThat(inbox.alreadyProcessed("linking-workbook-events", envelope.id()))
                .as("the listener records what it applied in the inbox")
                .isTrue();

        // A later event of the same workbook lands behind both copies on the same partition: once it is
        // applied, both copies were consumed. Each applied event counts once on the document, so a
        // second application of the redelivered copy (no inbox) would show as 3.
        send(
                Topics.Calculation.WORKBOOK_EVENTS.name(),
                workbook,
                codec.encode(events.envelope(
                        "workbook",
                        workbook.toString(),
                        workspace,
                        new WorkbookStructureChanged(workbook, 2, "add-sheet", "Notes"))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> documents(workspace).getFirst().get("latest").asLong() == 2);
        assertThat(documents(workspace).getFirst().get("appliedEvents").asLong())
                .as("created once, restructured once")
                .isEqualTo(2);
        send(
                Topics.Calculation.WORKBOOK_EVENTS.name(),
                workbook,
                codec.encode(
                        events.envelope("workbook", workbook.toString(), workspace, new WorkbookDeleted(workbook, 3))));
        await().atMost(Duration.ofSeconds(30)).until(() -> documents(workspace).isEmpty());
    }

    @Test
    void datasetsAreLearntFromTheLogWithTheirLatestVersionAndCanBeLinkSources() throws Exception {
        UUID dataset = UUID.randomUUID();
        send(
                Topics.Sharing.DATASET_EVENTS.name(),
                dataset,
                codec.encode(events.envelope(
                        "dataset",
                        dataset.toString(),
                        workspace,
                        new DatasetCreated(dataset, "FX rates", "currency"))));
        send(
                Topics.Sharing.DATASET_EVENTS.name(),
                dataset,
                codec.encode(events.envelope(
                        "dataset",
                        dataset.toString(),
                        workspace,
                        new DatasetVersionPublished(dataset, "FX rates", 3, 10, List.of("ignored")))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> documents(workspace).stream()
                        .anyMatch(d -> d.get("id").asString().equals(dataset.toString())
                                && d.get("latest").asLong() == 3));
        JsonNode known = documents(workspace).getFirst();
        assertThat(known.get("type").asString()).isEqualTo("dataset");
        assertThat(known.get("name").asString()).isEqualTo("FX rates");

        UUID destination = knownWorkbook("Budget");
        Http.Response created = http.postJson(
                links(),
                "{\"source\":{\"type\":\"dataset\",\"documentId\":\"" + dataset
                        + "\",\"column\":\"rate\",\"key\":[\"EUR\"]},\"destination\":{\"workbookId\":\""
                        + destination + "\",\"cell\":\"Sheet1!B2\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("kind").asString()).isEqualTo("dataset-field");

        // the field's values flow: the row arrives after the link, then changes
        send(Topics.Sharing.DATASET_EVENTS.name(), dataset, rows(dataset, 4, "EUR", 1.0825));
        send(Topics.Sharing.DATASET_EVENTS.name(), dataset, rows(dataset, 5, "EUR", 1.09));
        List<EventEnvelope> carried = TopicReader.read(
                        Topics.Linking.LINKED_VALUES.name(),
                        destination.toString(),
                        2,
                        m -> m.contains("\"LinkedValuesSet\""))
                .stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
        assertThat(Fixture.firstLink(carried.get(0))
                        .get("values")
                        .get(0)
                        .get("ref")
                        .asString())
                .isEqualTo("Sheet1!B2");
        assertThat(Fixture.firstLink(carried.get(0))
                        .get("values")
                        .get(0)
                        .get("value")
                        .asDouble())
                .isEqualTo(1.0825);
        assertThat(carried.get(0).payload().get("sourceRevision").asLong()).isEqualTo(4);
        assertThat(Fixture.firstLink(carried.get(1))
                        .get("values")
                        .get(0)
                        .get("value")
                        .asDouble())
                .isEqualTo(1.09);
        assertThat(carried.get(1).payload().get("source").get("type").asString())
                .isEqualTo("dataset");

        Http.Response asWorkbook = http.postJson(links(), link(dataset, "A1", destination, "Sheet1!B3"));
        assertThat(asWorkbook.status()).as("a dataset is not a workbook source").isEqualTo(422);
        assertThat(asWorkbook.body()).contains("source.documentId");
    }

    private String rows(UUID dataset, long version, String currency, double rate) {
        return codec.encode(events.envelope(
                "dataset",
                dataset.toString(),
                workspace,
                new DatasetRowsChanged(
                        dataset,
                        version,
                        0,
                        1,
                        List.of(Map.of(
                                "key",
                                List.of(currency),
                                "change",
                                "updated",
                                "values",
                                Map.of("currency", currency, "rate", rate))))));
    }

    @Test
    void aLinkNeedsKnownDocumentsAndOneLinkPerDestinationCell() throws Exception {
        UUID source = knownWorkbook("Rates");
        UUID destination = knownWorkbook("Budget");

        Http.Response created = http.postJson(links(), link(source, "Rates!B2", destination, "Sheet1!C3"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String linkId = JSON.readTree(created.body()).get("id").asString();
        assertThat(JSON.readTree(http.get(links() + "/" + linkId).body())
                        .get("destinationRef")
                        .asString())
                .isEqualTo("Sheet1!C3");
        assertThat(awaitEvent(linkId).type()).isEqualTo("LinkCreated");

        Http.Response twice = http.postJson(links(), link(source, "Rates!B3", destination, "Sheet1!C3"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.isProblem()).isTrue();

        Http.Response unknown = http.postJson(links(), link(UUID.randomUUID(), "A1", destination, "Sheet1!D1"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.body()).contains("source.documentId");
        Http.Response unknownDestination =
                http.postJson(links(), link(source, "Rates!A1", UUID.randomUUID(), "Sheet1!D1"));
        assertThat(unknownDestination.status()).isEqualTo(422);
        assertThat(unknownDestination.body()).contains("destination.workbookId");

        JsonNode listed = JSON.readTree(http.get(links()).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(linkId);
        assertThat(JSON.readTree(
                        http.get("/api/linking/workspaces/other-ws/links").body()))
                .isEmpty();

        Http.Response elsewhere = http.get("/api/linking/workspaces/other-ws/links/" + linkId);
        assertThat(elsewhere.status()).isEqualTo(404);

        assertThat(http.delete(links() + "/" + linkId).status()).isEqualTo(204);
        assertThat(http.get(links() + "/" + linkId).status()).isEqualTo(404);
        List<String> removed =
                TopicReader.read(Topics.Linking.LINK_EVENTS.name(), linkId, 1, m -> m.contains("\"LinkRemoved\""));
        assertThat(codec.decode(removed.getFirst()).orElseThrow().tenant()).isEqualTo(workspace);
        assertThat(http.postJson(links(), link(source, "Rates!B2", destination, "Sheet1!C3"))
                        .status())
                .as("the cell is free again")
                .isEqualTo(201);
    }

    @Test
    void badInputGetsProblemsAndCreatesNothing() {
        Http.Response malformed = http.postJson(links(), "{\"source\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();

        Http.Response missing = http.postJson(links(), "{\"source\":{\"type\":\"workbook\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("destination");

        Http.Response wrongType = http.send("POST", links(), "text/plain", "x");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.isProblem()).isTrue();

        Http.Response unknownLink = http.get(links() + "/" + UUID.randomUUID());
        assertThat(unknownLink.status()).isEqualTo(404);
        assertThat(unknownLink.isProblem()).isTrue();

        assertThat(JSON.readTree(http.get(links()).body())).isEmpty();
    }

    private UUID knownWorkbook(String name) throws Exception {
        UUID id = UUID.randomUUID();
        send(
                Topics.Calculation.WORKBOOK_EVENTS.name(),
                id,
                codec.encode(events.envelope("workbook", id.toString(), workspace, new WorkbookCreated(id, name, 1))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> documents(workspace).stream()
                        .anyMatch(d -> d.get("id").asString().equals(id.toString())));
        return id;
    }

    private void send(String topic, UUID key, String message) throws Exception {
        kafka.send(topic, key.toString(), message).get();
    }

    private List<JsonNode> documents(String workspace) {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(http.get("/api/linking/workspaces/" + workspace + "/documents")
                        .body())
                .forEach(list::add);
        return list;
    }

    private String links() {
        return "/api/linking/workspaces/" + workspace + "/links";
    }

    private static String link(UUID source, String ref, UUID destination, String cell) {
        return "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"" + ref
                + "\"},\"destination\":{\"workbookId\":\"" + destination + "\",\"cell\":\"" + cell + "\"}}";
    }

    private EventEnvelope awaitEvent(String linkId) {
        String message = TopicReader.read(Topics.Linking.LINK_EVENTS.name(), linkId, 1, m -> true)
                .getFirst();
        return codec.decode(message).orElseThrow();
    }
}
