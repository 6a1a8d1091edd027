package io.ledgerflow.calculation.linkedvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.calculation.linkedvalue.messaging.LinkStateRebuild;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calculation's view of links ({@code link_state}) rebuilt from linking's linked-values topic alone: the state
 * after the rebuild equals the state the live consumer built, a second rebuild changes nothing, and the rebuild
 * writes no revision (the live consumer's {@code #REF!} edit for a deleted source is not made again).
 */
@IntegrationTest
class LinkStateRebuildIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LinkStateRebuild rebuild;

    @Test
    void theRebuiltViewOfLinksEqualsTheLiveOneWithoutSideEffects() throws Exception {
        Http http = new Http("http://localhost:" + port);
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String workbooks = "/api/calc/workspaces/" + workspace + "/workbooks";
        String workbookId = JSON.readTree(
                        http.postJson(workbooks, "{\"name\":\"Destination\",\"sheets\":{\"Sheet1\":[[1]]}}")
                                .body())
                .get("id")
                .asString();
        String held = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        send(workbookId, workspace, held, "active", false, 3L, 4L);
        send(workbookId, workspace, held, "active", false, 5L, 6L);
        send(workbookId, workspace, broken, "broken", true, 7L, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state(workbookId).size() == 2
                        && state(workbookId).stream()
                                .anyMatch(r -> Long.valueOf(6).equals(r.get("held_revision"))));
        long revision = revision(http, workbooks + "/" + workbookId);
        assertThat(revision).as("the live #REF! edit").isEqualTo(2);
        List<Map<String, Object>> live = state(workbookId);

        assertThat(rebuild.rebuild().applied()).isGreaterThanOrEqualTo(3);
        assertThat(state(workbookId)).isEqualTo(live);
        assertThat(rebuild.rebuild().applied()).isGreaterThanOrEqualTo(3);
        assertThat(state(workbookId)).isEqualTo(live);
        assertThat(revision(http, workbooks + "/" + workbookId))
                .as("no revision written")
                .isEqualTo(revision);
    }

    private void send(
            String workbookId,
            String workspace,
            String linkId,
            String status,
            boolean sourceDeleted,
            Long changedRevision,
            Long heldRevision)
            throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/contracts/LinkStateChanged.v1.json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            envelope.put("id", UUID.randomUUID().toString());
            envelope.put("aggregateId", workbookId);
            envelope.put("tenant", workspace);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("destinationWorkbookId", workbookId);
            payload.put("linkId", linkId);
            payload.put("status", status);
            payload.put("sourceDeleted", sourceDeleted);
            payload.put("destinationRef", "Sheet1!B2");
            payload.put("sourceChangedRevision", changedRevision);
            payload.put("heldRevision", heldRevision);
            kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, envelope.toString())
                    .get();
        }
    }

    private List<Map<String, Object>> state(String workbookId) {
        return jdbc.sql("select link_id, status, status_reason, source_deleted, source_changed_revision, held_revision"
                        + " from link_state where workbook_id = ?::uuid order by link_id")
                .param(workbookId)
                .query()
                .listOfRows();
    }

    private static long revision(Http http, String workbook) throws IOException {
        return JSON.readTree(http.get(workbook).body()).get("revision").asLong();
    }
}
