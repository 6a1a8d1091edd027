package io.ledgerflow.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Datasets over real HTTP, PostgreSQL and Kafka: immutable versions, checks, events, isolation. */
@IntegrationTest
class DatasetApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RATES = "{\"name\":\"FX rates\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
            + "{\"name\":\"rate\",\"type\":\"number\"},{\"name\":\"asOf\",\"type\":\"date\"}],\"primaryKey\":\"currency\"}";

    @LocalServerPort
    int port;

    @Autowired
    EnvelopeCodec codec;

    Http http;
    String datasets;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        datasets = "/api/sharing/workspaces/ws-" + UUID.randomUUID().toString().substring(0, 8) + "/datasets";
    }

    @Test
    void everyPublishIsANewImmutableVersionAndAnEvent() {
        String id = create();
        Http.Response first = http.postJson(
                datasets + "/" + id + "/versions",
                "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08,\"asOf\":\"2026-11-20\"},{\"currency\":\"GBP\",\"rate\":1.27}]}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).get("latestVersion").asLong()).isEqualTo(1);
        Http.Response second =
                http.postJson(datasets + "/" + id + "/versions", "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.09}]}");
        assertThat(JSON.readTree(second.body()).get("latestVersion").asLong()).isEqualTo(2);

        JsonNode v1 =
                JSON.readTree(http.get(datasets + "/" + id + "/versions/1").body());
        assertThat(v1.get("rows")).hasSize(2);
        assertThat(v1.get("rows").get(0).get("rate").asDouble()).isEqualTo(1.08);
        JsonNode latest = JSON.readTree(http.get(datasets + "/" + id + "/rows").body());
        assertThat(latest.get("version").asLong()).isEqualTo(2);
        assertThat(latest.get("rows")).hasSize(1);
        assertThat(http.get(datasets + "/" + id + "/versions/3").status()).isEqualTo(404);

        List<EventEnvelope> events = awaitEvents(id, 3);
        assertThat(events)
                .extracting(EventEnvelope::type)
                .containsExactly("DatasetCreated", "DatasetVersionPublished", "DatasetVersionPublished");
        assertThat(events.get(2).payload().get("version").asLong()).isEqualTo(2);
        assertThat(events.get(2).payload().get("rowCount").asInt()).isEqualTo(1);
    }

    @Test
    void aBadRowRejectsTheWholePublishNamingTheRowAndColumn() {
        String id = create();
        Http.Response wrongType = http.postJson(
                datasets + "/" + id + "/versions",
                "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08},{\"currency\":\"GBP\",\"rate\":\"high\"}]}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.body()).contains("rows[1].rate");

        Http.Response duplicateKey = http.postJson(
                datasets + "/" + id + "/versions", "{\"rows\":[{\"currency\":\"EUR\"},{\"currency\":\"EUR\"}]}");
        assertThat(duplicateKey.status()).isEqualTo(422);
        assertThat(duplicateKey.body()).contains("appears twice");

        Http.Response unknownColumn = http.postJson(
                datasets + "/" + id + "/versions", "{\"rows\":[{\"currency\":\"EUR\",\"colour\":\"red\"}]}");
        assertThat(unknownColumn.status()).isEqualTo(422);

        assertThat(JSON.readTree(http.get(datasets + "/" + id).body())
                        .get("latestVersion")
                        .asLong())
                .as("no failed publish made a version")
                .isZero();
    }

    @Test
    void badDefinitionsAndOtherWorkspacesGetProblems() {
        Http.Response badKey = http.postJson(
                datasets, "{\"name\":\"x\",\"columns\":[{\"name\":\"a\",\"type\":\"text\"}],\"primaryKey\":\"b\"}");
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.body()).contains("primaryKey");
        Http.Response badType = http.postJson(
                datasets, "{\"name\":\"x\",\"columns\":[{\"name\":\"a\",\"type\":\"money\"}],\"primaryKey\":\"a\"}");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(http.postJson(datasets, "{\"name\":").status()).isEqualTo(400);
        assertThat(http.send("POST", datasets, "text/plain", "x").status()).isEqualTo(415);

        String id = create();
        Http.Response elsewhere = http.get("/api/sharing/workspaces/someone-else/datasets/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.isProblem()).isTrue();
    }

    private String create() {
        Http.Response created = http.postJson(datasets, RATES);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private List<EventEnvelope> awaitEvents(String datasetId, int count) {
        return TopicReader.read(Topics.Sharing.DATASET_EVENTS.name(), datasetId, count, m -> true).stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
    }
}
