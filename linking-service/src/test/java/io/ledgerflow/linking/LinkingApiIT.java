package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

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
        String created = codec.encode(events.envelope(
                "workbook", workbook.toString(), workspace, new WorkbookCreated(workbook, "Budget", 1)));
        send(Topics.Calculation.WORKBOOK_EVENTS.name(), workbook, created);
        send(Topics.Calculation.WORKBOOK_EVENTS.name(), workbook, created);

        await().atMost(Duration.ofSeconds(30)).until(() -> documents(workspace).size() == 1);
        JsonNode document = documents(workspace).getFirst();
        assertThat(document.get("type").asString()).isEqualTo("workbook");
        assertThat(document.get("name").asString()).isEqualTo("Budget");
        assertThat(documents("someone-else")).isEmpty();
    }

    @Test
    void aLinkNeedsKnownDocumentsAndOneLinkPerDestinationCell() throws Exception {
        UUID source = knownWorkbook("Rates");
        UUID destination = knownWorkbook("Budget");

        Http.Response created = http.postJson(links(), link(source, "Rates!B2", destination, "Sheet1!C3"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String linkId = JSON.readTree(created.body()).get("id").asString();
        assertThat(JSON.readTree(http.get(links() + "/" + linkId).body())
                        .get("destinationCell")
                        .asString())
                .isEqualTo("Sheet1!C3");
        assertThat(awaitEvent(linkId).type()).isEqualTo("LinkCreated");

        Http.Response twice = http.postJson(links(), link(source, "Rates!B3", destination, "Sheet1!C3"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.isProblem()).isTrue();

        Http.Response unknown = http.postJson(links(), link(UUID.randomUUID(), "A1", destination, "Sheet1!D1"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("source.documentId");

        Http.Response elsewhere = http.get("/api/linking/workspaces/other-ws/links/" + linkId);
        assertThat(elsewhere.status()).isEqualTo(404);

        assertThat(http.delete(links() + "/" + linkId).status()).isEqualTo(204);
        assertThat(http.get(links() + "/" + linkId).status()).isEqualTo(404);
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
