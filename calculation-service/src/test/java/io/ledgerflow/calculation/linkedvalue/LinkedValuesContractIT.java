package io.ledgerflow.calculation.linkedvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
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
 * The consumer side of the LinkedValuesSet contract: the producer's sample envelope
 * (event-log's {@code contracts/LinkedValuesSet.v1.json}), sent through Kafka, lands in the
 * destination cell as a new revision — once, however often it is delivered.
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

    private String sample(UUID eventId, long sourceRevision, double value) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contracts/LinkedValuesSet.v1.json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            envelope.put("id", eventId.toString());
            envelope.put("aggregateId", workbookId);
            envelope.put("tenant", workspace);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("destinationWorkbookId", workbookId);
            payload.put("sourceRevision", sourceRevision);
            ((ObjectNode) payload.get("values").get(0)).put("value", value);
            return envelope.toString();
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
