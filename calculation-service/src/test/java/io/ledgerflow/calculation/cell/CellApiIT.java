package io.ledgerflow.calculation.cell;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.calculation.CalculationServiceApplication;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.InfrastructureInitializer;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cells over real HTTP, PostgreSQL and Kafka: edits, revisions, concurrency, events, bad input. */
@IntegrationTest
class CellApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EnvelopeCodec codec;

    Http http;
    String workspace;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anImportedWorkbookComputesAndAnEditRecalculatesItsDependents() {
        String id = importWorkbook(
                "{\"name\":\"Budget\",\"sheets\":{\"Sheet1\":[[10,20,\"=A1+B1\"],[\"=C1*Rates!B1\",null,\"=SUM(A1:C1)\"]],"
                        + "\"Rates\":[[\"EUR\",1.5]]}}");

        JsonNode read = readCells(id, "Sheet1!A1:C2");
        assertThat(read.get("revision").asLong()).isEqualTo(1);
        assertThat(valueAt(read, "Sheet1!C1")).isEqualTo(30.0);
        assertThat(valueAt(read, "Sheet1!A2")).isEqualTo(45.0);
        assertThat(valueAt(read, "Sheet1!C2")).isEqualTo(60.0);
        assertThat(cellAt(read, "Sheet1!C1").get("formula").asString()).isEqualTo("=A1+B1");

        Http.Response edit = http.putJson(cells(id) + "/Sheet1!A1", "{\"content\":100}");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.headers().firstValue("ETag")).contains("\"2\"");
        JsonNode changed = JSON.readTree(edit.body()).get("changed");
        assertThat(refs(changed)).containsExactlyInAnyOrder("Sheet1!A1", "Sheet1!C1", "Sheet1!A2", "Sheet1!C2");

        JsonNode now = readCells(id, "Sheet1!A1:C2");
        assertThat(valueAt(now, "Sheet1!C1")).isEqualTo(120.0);
        assertThat(valueAt(now, "Sheet1!A2")).isEqualTo(180.0);

        JsonNode before =
                JSON.readTree(http.get(cells(id) + "/Sheet1!A1:C2?revision=1").body());
        assertThat(before.get("revision").asLong()).isEqualTo(1);
        assertThat(valueAt(before, "Sheet1!C1")).isEqualTo(30.0);
    }

    @Test
    void errorsAreValuesAndABatchIsOneRevision() {
        String id = importWorkbook("{\"name\":\"Errors\",\"sheets\":{\"Sheet1\":[[0]]}}");

        Http.Response batch = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks/" + id + "/edits",
                "{\"cells\":[{\"ref\":\"Sheet1!B1\",\"content\":\"=1/A1\"},{\"ref\":\"Sheet1!C1\",\"content\":\"=IFERROR(B1,-1)\"},"
                        + "{\"ref\":\"Sheet1!D1\",\"content\":\"=D1+1\"}]}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(JSON.readTree(batch.body()).get("revision").asLong()).isEqualTo(2);

        JsonNode read = readCells(id, "Sheet1!B1:D1");
        assertThat(cellAt(read, "Sheet1!B1").get("value").get("value").asString())
                .isEqualTo("#DIV/0!");
        assertThat(valueAt(read, "Sheet1!C1")).isEqualTo(-1.0);
        assertThat(cellAt(read, "Sheet1!D1").get("value").get("value").asString())
                .isEqualTo("#CYCLE!");
    }

    @Test
    void aStaleIfMatchIsRefusedAndNothingChanges() {
        String id = importWorkbook("{\"name\":\"Concurrent\",\"sheets\":{\"Sheet1\":[[1]]}}");
        String path = cells(id) + "/Sheet1!A1";

        Http.Response first = http.send("PUT", path, "application/json", "{\"content\":2}");
        assertThat(first.status()).isEqualTo(200);

        Http.Response stale = putWithIfMatch(path, "{\"content\":3}", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.body()).contains("revision 2");

        assertThat(putWithIfMatch(path, "{\"content\":4}", "\"2\"").status()).isEqualTo(200);
        assertThat(valueAt(readCells(id, "Sheet1!A1"), "Sheet1!A1")).isEqualTo(4.0);
    }

    @Test
    void badEditsGetProblemsAndChangeNothing() {
        String id = importWorkbook("{\"name\":\"Bad\",\"sheets\":{\"Sheet1\":[[1,2]]}}");
        String edits = "/api/calc/workspaces/" + workspace + "/workbooks/" + id + "/edits";

        Http.Response syntax = http.postJson(
                edits,
                "{\"cells\":[{\"ref\":\"Sheet1!A1\",\"content\":5},{\"ref\":\"Sheet1!B1\",\"content\":\"=SUM(A1:A2\"}]}");
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.isProblem()).isTrue();
        JsonNode problem = JSON.readTree(syntax.body());
        assertThat(problem.get("position").asInt())
                .as("the end of the formula, where ) is missing")
                .isEqualTo(10);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("cells[1].content");

        Http.Response unknownSheet = http.postJson(
                edits, "{\"cells\":[{\"ref\":\"Sheet1!A1\",\"content\":5},{\"ref\":\"Nope!A1\",\"content\":1}]}");
        assertThat(unknownSheet.status()).isEqualTo(422);
        assertThat(unknownSheet.body()).contains("Nope");

        Http.Response badRef = http.putJson(cells(id) + "/A1", "{\"content\":1}");
        assertThat(badRef.status()).isEqualTo(422);
        assertThat(badRef.body()).contains("sheet-qualified");

        Http.Response badRevision = http.get(cells(id) + "/Sheet1!A1?revision=99");
        assertThat(badRevision.status()).isEqualTo(422);

        Http.Response notYet = http.get(cells(id) + "/Sheet1!A1?minRevision=99");
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.isProblem()).isTrue();

        JsonNode after = readCells(id, "Sheet1!A1:B1");
        assertThat(after.get("revision").asLong())
                .as("no failed edit made a revision")
                .isEqualTo(1);
        assertThat(valueAt(after, "Sheet1!A1")).isEqualTo(1.0);
    }

    @Test
    void anEditPublishesCellValuesChangedWithOldAndNewValues() {
        String id = importWorkbook("{\"name\":\"Events\",\"sheets\":{\"Sheet1\":[[1,\"=A1*10\"]]}}");
        http.putJson(cells(id) + "/Sheet1!A1", "{\"content\":7}");

        EventEnvelope event = awaitEvent(id, "CellValuesChanged");
        JsonNode payload = event.payload();
        assertThat(payload.get("revision").asLong()).isEqualTo(2);
        assertThat(payload.get("chunk").asInt()).isEqualTo(1);
        JsonNode b1 = null;
        for (JsonNode change : payload.get("cells")) {
            if (change.get("ref").asString().equals("Sheet1!B1")) {
                b1 = change;
            }
        }
        assertThat(b1).as(payload.toString()).isNotNull();
        assertThat(b1.get("oldValue").get("value").asDouble()).isEqualTo(10.0);
        assertThat(b1.get("newValue").get("value").asDouble()).isEqualTo(70.0);
    }

    @Test
    void aLargeConeIsCountedInTheResponseAndPublishedInFullInChunks() {
        StringBuilder chain = new StringBuilder("[[1]");
        for (int row = 2; row <= 1500; row++) {
            chain.append(",[\"=A").append(row - 1).append("+1\"]");
        }
        String id = importWorkbook("{\"name\":\"Cone\",\"sheets\":{\"Sheet1\":" + chain + "]}}");

        JsonNode edit = JSON.readTree(
                http.putJson(cells(id) + "/Sheet1!A1", "{\"content\":10}").body());
        assertThat(edit.get("changedCount").asInt()).isEqualTo(1500);
        assertThat(edit.get("changed")).hasSize(Cells.RESPONSE_CELLS);
        assertThat(edit.get("truncated").asBoolean()).isTrue();
        assertThat(valueAt(readCells(id, "Sheet1!A1500"), "Sheet1!A1500")).isEqualTo(1509.0);

        List<EventEnvelope> chunks = TopicReader.read(
                        Topics.Calculation.WORKBOOK_EVENTS.name(),
                        id,
                        2,
                        m -> codec.decode(m)
                                .map(e -> e.type().equals("CellValuesChanged"))
                                .orElse(false))
                .stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
        assertThat(chunks).extracting(e -> e.payload().get("chunk").asInt()).containsExactly(1, 2);
        assertThat(chunks.get(0).payload().get("chunks").asInt()).isEqualTo(2);
        assertThat(chunks.get(0).payload().get("cells").size()
                        + chunks.get(1).payload().get("cells").size())
                .isEqualTo(1500);
    }

    @Test
    void twoInstancesOnOneDatabaseNeverLoseAnUpdate() throws Exception {
        String id = importWorkbook("{\"name\":\"Two instances\",\"sheets\":{\"Sheet1\":[[0]]}}");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CalculationServiceApplication.class)
                .initializers(new InfrastructureInitializer())
                .properties(Map.of(
                        "server.port",
                        "0",
                        "management.server.port",
                        "0",
                        "spring.kafka.consumer.group-id",
                        "calculation-service-second"))
                .run()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            List<Http> instances = List.of(http, new Http("http://localhost:" + secondPort));
            int editsPerInstance = 15;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 2 * editsPerInstance; i++) {
                Http target = instances.get(i % 2);
                String body = "{\"content\":" + (i + 1) + "}";
                String ref = "/Sheet1!B" + (i + 1);
                Callable<Integer> edit =
                        () -> target.putJson(cells(id) + ref, body).status();
                results.add(pool.submit(edit));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
            pool.shutdown();

            JsonNode read = readCells(id, "Sheet1!B1:B" + (2 * editsPerInstance));
            assertThat(read.get("revision").asLong()).isEqualTo(1 + 2 * editsPerInstance);
            for (int i = 0; i < 2 * editsPerInstance; i++) {
                assertThat(valueAt(read, "Sheet1!B" + (i + 1))).isEqualTo(i + 1.0);
            }
            // The second instance sees the same workbook, replayed from the revision log.
            JsonNode fromSecond = JSON.readTree(instances
                    .get(1)
                    .get(cells(id) + "/Sheet1!B1:B" + (2 * editsPerInstance))
                    .body());
            assertThat(fromSecond.get("cells")).isEqualTo(read.get("cells"));
        }
    }

    private Http.Response putWithIfMatch(String path, String body, String ifMatch) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .header("If-Match", ifMatch)
                    .header("Authorization", io.ledgerflow.testsupport.Tokens.bearerFor(path))
                    .build();
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Http.Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String importWorkbook(String json) {
        Http.Response created = http.postJson("/api/calc/workspaces/" + workspace + "/workbooks", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private JsonNode readCells(String id, String range) {
        Http.Response response = http.get(cells(id) + "/" + range);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String cells(String id) {
        return "/api/calc/workspaces/" + workspace + "/workbooks/" + id + "/cells";
    }

    private static JsonNode cellAt(JsonNode read, String ref) {
        for (JsonNode cell : read.get("cells")) {
            if (cell.get("ref").asString().equals(ref)) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + ref + " in " + read);
    }

    private static double valueAt(JsonNode read, String ref) {
        JsonNode value = cellAt(read, ref).get("value");
        if (value == null || value.get("value") == null || !value.get("value").isNumber()) {
            throw new AssertionError(ref + " has no number value in " + read);
        }
        return value.get("value").asDouble();
    }

    private static List<String> refs(JsonNode changes) {
        List<String> refs = new ArrayList<>();
        changes.forEach(change -> refs.add(change.get("ref").asString()));
        return refs;
    }

    private EventEnvelope awaitEvent(String workbookId, String type) {
        String message = TopicReader.read(
                        Topics.Calculation.WORKBOOK_EVENTS.name(),
                        workbookId,
                        1,
                        m -> codec.decode(m).map(e -> e.type().equals(type)).orElse(false))
                .getFirst();
        return codec.decode(message).orElseThrow();
    }
}
