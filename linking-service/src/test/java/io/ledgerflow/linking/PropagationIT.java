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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Propagation and the producer side of the LinkedValuesSet contract: a changed source cell
 * becomes one LinkedValuesSet for the link's destination, shaped like the contract sample.
 */
@IntegrationTest
class PropagationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record WorkbookCreated(UUID workbookId, String name, long revision) implements DomainEvent {}

    record CellValuesChanged(UUID workbookId, long revision, int chunk, int chunks, List<Map<String, Object>> cells)
            implements DomainEvent {}

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void aChangedSourceCellIsCarriedToTheDestinationOnceInTheContractsShape() throws Exception {
        String workspace = "prop-" + UUID.randomUUID().toString().substring(0, 8);
        Http http = new Http("http://localhost:" + port);
        UUID source = UUID.randomUUID();
        UUID destination = UUID.randomUUID();
        publish(workspace, source, new WorkbookCreated(source, "Rates", 1));
        publish(workspace, destination, new WorkbookCreated(destination, "Budget", 1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/linking/workspaces/" + workspace + "/documents")
                                .body()
                                .contains(destination.toString())
                        && http.get("/api/linking/workspaces/" + workspace + "/documents")
                                .body()
                                .contains(source.toString()));
        Http.Response link = http.postJson(
                "/api/linking/workspaces/" + workspace + "/links",
                "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"Rates!B2\"},"
                        + "\"destination\":{\"workbookId\":\"" + destination + "\",\"cell\":\"Sheet1!C3\"}}");
        assertThat(link.status()).as(link.body()).isEqualTo(201);

        EventEnvelope changed = events.envelope(
                "workbook",
                source.toString(),
                workspace,
                new CellValuesChanged(
                        source,
                        2,
                        1,
                        1,
                        List.of(
                                Map.of("ref", "Rates!B2", "newValue", Map.of("type", "number", "value", 1.0825)),
                                Map.of("ref", "Rates!B3", "newValue", Map.of("type", "number", "value", 9)))));
        kafka.send(Topics.Calculation.WORKBOOK_EVENTS.name(), source.toString(), codec.encode(changed))
                .get();
        kafka.send(Topics.Calculation.WORKBOOK_EVENTS.name(), source.toString(), codec.encode(changed))
                .get();

        List<String> carried =
                TopicReader.read(Topics.Linking.LINKED_VALUES.name(), destination.toString(), 1, m -> true);
        EventEnvelope event = codec.decode(carried.getFirst()).orElseThrow();
        assertThat(event.type()).isEqualTo("LinkedValuesSet");
        assertThat(event.causationId()).isEqualTo(changed.id());
        JsonNode payload = event.payload();
        assertThat(payload.get("sourceRevision").asLong()).isEqualTo(2);
        assertThat(payload.get("values").get(0).get("ref").asString()).isEqualTo("Sheet1!C3");
        assertThat(payload.get("values").get(0).get("value").asDouble()).isEqualTo(1.0825);
        assertSameShape(contractSample(), JSON.readTree(carried.getFirst()), "");

        // The redelivered change produced nothing more: a later change is the next message.
        EventEnvelope later = events.envelope(
                "workbook",
                source.toString(),
                workspace,
                new CellValuesChanged(
                        source,
                        3,
                        1,
                        1,
                        List.of(Map.of("ref", "Rates!B2", "newValue", Map.of("type", "number", "value", 2)))));
        kafka.send(Topics.Calculation.WORKBOOK_EVENTS.name(), source.toString(), codec.encode(later))
                .get();
        List<String> both = TopicReader.read(Topics.Linking.LINKED_VALUES.name(), destination.toString(), 2, m -> true);
        assertThat(both).hasSize(2);
        assertThat(codec.decode(both.get(1))
                        .orElseThrow()
                        .payload()
                        .get("sourceRevision")
                        .asLong())
                .isEqualTo(3);
        JsonNode stored = JSON.readTree(http.get("/api/linking/workspaces/" + workspace + "/links/"
                        + JSON.readTree(link.body()).get("id").asString())
                .body());
        assertThat(stored.get("propagatedRevision").asLong()).isEqualTo(3);
    }

    private void publish(String workspace, UUID workbook, DomainEvent event) throws Exception {
        kafka.send(
                        Topics.Calculation.WORKBOOK_EVENTS.name(),
                        workbook.toString(),
                        codec.encode(events.envelope("workbook", workbook.toString(), workspace, event)))
                .get();
    }

    private static JsonNode contractSample() throws Exception {
        try (InputStream in = PropagationIT.class.getResourceAsStream("/contracts/LinkedValuesSet.v1.json")) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
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
