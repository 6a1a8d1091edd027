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
        assertThat(JSON.readTree(first.body()).get("version").asLong()).isEqualTo(1);
        Http.Response next =
                http.postJson(datasets + "/" + id + "/versions", "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.09}]}");
        assertThat(JSON.readTree(next.body()).get("version").asLong()).isEqualTo(2);

        JsonNode v1 =
                JSON.readTree(http.get(datasets + "/" + id + "/versions/1").body());
        assertThat(v1.get("rows")).hasSize(2);
        assertThat(v1.get("rows").get(0).get("rate").asDouble()).isEqualTo(1.08);
        JsonNode latest = JSON.readTree(http.get(datasets + "/" + id + "/rows").body());
        assertThat(latest.get("version").asLong()).isEqualTo(2);
        assertThat(latest.get("rows")).hasSize(1);
        assertThat(http.get(datasets + "/" + id + "/versions/3").status()).isEqualTo(404);

        List<EventEnvelope> events = awaitEvents(id, 5);
        assertThat(events)
                .extracting(EventEnvelope::type)
                .containsExactly(
                        "DatasetCreated",
                        "DatasetVersionPublished",
                        "DatasetRowsChanged",
                        "DatasetVersionPublished",
                        "DatasetRowsChanged");
        JsonNode second = events.get(3).payload();
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.get("rowCount").asInt()).isEqualTo(1);
        assertThat(second.get("updated").asInt()).isEqualTo(1);
        assertThat(second.get("deleted").asInt()).isEqualTo(1);
        assertThat(second.get("columns").get(1).get("type").asString()).isEqualTo("number");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.source()).isEqualTo("data-sharing-service");
            assertThat(event.aggregateId()).isEqualTo(id);
        });
    }

    @Test
    void rowsComeBackInKeyOrderAndEqualNumericKeysCollide() {
        String id = create("{\"name\":\"Ledger\",\"columns\":[{\"name\":\"n\",\"type\":\"number\"},"
                + "{\"name\":\"ok\",\"type\":\"boolean\"}],\"primaryKey\":\"n\"}");
        Http.Response published =
                http.postJson(versions(id), "{\"rows\":[{\"n\":30,\"ok\":true},{\"n\":4},{\"n\":200,\"ok\":false}]}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(JSON.readTree(http.get(datasets + "/" + id + "/rows").body()).get("rows"))
                .extracting(row -> row.get("n").asInt())
                .as("key order is the byte order of the key's text")
                .containsExactly(200, 30, 4);

        Http.Response sameNumber = http.postJson(versions(id), "{\"rows\":[{\"n\":1},{\"n\":1.0}]}");
        assertThat(sameNumber.status()).isEqualTo(422);
        assertThat(sameNumber.body()).contains("rows[1].n");
        Http.Response notBoolean = http.postJson(versions(id), "{\"rows\":[{\"n\":1,\"ok\":\"yes\"}]}");
        assertThat(notBoolean.status()).isEqualTo(422);
        assertThat(notBoolean.body()).contains("rows[0].ok");
        assertThat(JSON.readTree(http.get(datasets + "/" + id).body())
                        .get("latestVersion")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void datasetsAreListedAPageAtATimeWithinTheirWorkspaceOnly() {
        String first = create();
        String second = create();
        http.postJson(versions(first), "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08}]}");

        JsonNode page = JSON.readTree(http.get(datasets + "?size=1").body());
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(first);
        assertThat(page.get("items").get(0).get("latestVersion").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(http.get(datasets + "?size=1&page=1").body())
                        .get("items")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(second);

        String elsewhere =
                "/api/sharing/workspaces/other-" + UUID.randomUUID().toString().substring(0, 8) + "/datasets";
        assertThat(JSON.readTree(http.get(elsewhere).body()).get("total").asLong())
                .isZero();
        assertThat(http.get(elsewhere + "/" + first + "/rows").status()).isEqualTo(404);
        assertThat(http.get(elsewhere + "/" + first + "/versions/1").status()).isEqualTo(404);
        Http.Response publishElsewhere =
                http.postJson(elsewhere + "/" + first + "/versions", "{\"rows\":[{\"currency\":\"USD\"}]}");
        assertThat(publishElsewhere.status()).isEqualTo(404);
        assertThat(publishElsewhere.isProblem()).isTrue();
        assertThat(JSON.readTree(http.get(datasets + "/" + first).body())
                        .get("latestVersion")
                        .asLong())
                .as("another workspace could not publish")
                .isEqualTo(1);
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
        Http.Response malformed = http.postJson(datasets, "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.body()).contains("not valid JSON");
        Http.Response wrongContentType = http.send("POST", datasets, "text/plain", "x");
        assertThat(wrongContentType.status()).isEqualTo(415);
        assertThat(wrongContentType.isProblem()).isTrue();
        Http.Response blankName = http.postJson(
                datasets, "{\"name\":\" \",\"columns\":[{\"name\":\"a\",\"type\":\"text\"}],\"primaryKey\":\"a\"}");
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.isProblem()).isTrue();
        assertThat(blankName.body()).contains("name");
        Http.Response noColumns = http.postJson(datasets, "{\"name\":\"x\",\"primaryKey\":\"a\"}");
        assertThat(noColumns.status()).isEqualTo(400);
        assertThat(noColumns.body()).contains("columns");
        assertThat(JSON.readTree(http.get(datasets).body()).get("total").asLong())
                .as("no failed request created a dataset")
                .isZero();

        Http.Response unknown = http.get(datasets + "/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(http.postJson(datasets + "/" + UUID.randomUUID() + "/versions", "{\"rows\":[]}")
                        .status())
                .isEqualTo(404);

        String id = create();
        Http.Response elsewhere = http.get("/api/sharing/workspaces/someone-else/datasets/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.isProblem()).isTrue();
    }

    private String create() {
        return create(RATES);
    }

    private String create(String definition) {
        Http.Response created = http.postJson(datasets, definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private String versions(String id) {
        return datasets + "/" + id + "/versions";
    }

    private List<EventEnvelope> awaitEvents(String datasetId, int count) {
        return TopicReader.read(Topics.Sharing.DATASET_EVENTS.name(), datasetId, count, m -> true).stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
    }
}
