package io.ledgerflow.calculation.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The workbook API over real HTTP, PostgreSQL and Kafka. */
@IntegrationTest
class WorkbookApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EnvelopeCodec codec;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    @Test
    void aCreatedWorkbookCanBeReadListedAndDeletedWithinItsWorkspaceOnly() {
        String workspace = "ws-" + shortId();
        Http.Response created = http.postJson(workbooks(workspace), "{\"name\":\"FY2026 budget\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String id = body.get("id").asString();
        assertThat(body.get("name").asString()).isEqualTo("FY2026 budget");
        assertThat(body.get("revision").asLong()).isEqualTo(1);
        assertThat(created.headers().firstValue("Location")).contains(workbooks(workspace) + "/" + id);

        assertThat(JSON.readTree(http.get(workbooks(workspace) + "/" + id).body())
                        .get("id")
                        .asString())
                .isEqualTo(id);
        JsonNode page = JSON.readTree(http.get(workbooks(workspace)).body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);

        Http.Response fromAnotherWorkspace = http.get(workbooks("other-" + shortId()) + "/" + id);
        assertThat(fromAnotherWorkspace.status()).isEqualTo(404);
        assertThat(fromAnotherWorkspace.isProblem()).isTrue();
        assertThat(JSON.readTree(http.get(workbooks("other-" + shortId())).body())
                        .get("total")
                        .asLong())
                .isZero();

        assertThat(http.delete(workbooks(workspace) + "/" + id).status()).isEqualTo(204);
        assertThat(http.get(workbooks(workspace) + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void creatingAWorkbookPublishesWorkbookCreatedKeyedByTheWorkbook() {
        String workspace = "ws-" + shortId();
        String id = JSON.readTree(http.postJson(workbooks(workspace), "{\"name\":\"Events\"}")
                        .body())
                .get("id")
                .asString();

        EventEnvelope event = awaitEvent(id);
        assertThat(event.type()).isEqualTo("WorkbookCreated");
        assertThat(event.source()).isEqualTo("calculation-service");
        assertThat(event.tenant()).isEqualTo(workspace);
        assertThat(event.payload().get("name").asString()).isEqualTo("Events");
    }

    @Test
    void aWorkbookMadeWithNamesAndThe1904DateSystemKeepsThemAndSaysSoOnTheLog() {
        String workspace = "ws-" + shortId();
        Http.Response created = http.postJson(
                workbooks(workspace),
                "{\"name\":\"Mac\",\"dateSystem\":1904,\"sheets\":{\"S\":[[0.2,\"=100*Rate\",\"=YEAR(0)\"]]},"
                        + "\"names\":[{\"name\":\"Rate\",\"formula\":\"=S!$A$1\"},"
                        + "{\"name\":\"Twice\",\"sheet\":\"S\",\"formula\":\"=LAMBDA(x,2*x)\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.body());
        assertThat(view.get("dateSystem").asInt()).isEqualTo(1904);
        assertThat(view.get("names")).hasSize(2);
        String id = view.get("id").asString();
        JsonNode cells = JSON.readTree(http.get(workbooks(workspace) + "/" + id + "/cells/S!B1:C1")
                        .body())
                .get("cells");
        assertThat(cells.get(0).get("value").get("value").asDouble()).isEqualTo(20.0);
        assertThat(cells.get(1).get("value").get("value").asDouble()).isEqualTo(1904.0);
        assertThat(awaitEvent(id).payload().get("dateSystem").asInt()).isEqualTo(1904);

        Http.Response badName = http.postJson(
                workbooks(workspace), "{\"name\":\"x\",\"names\":[{\"name\":\"A1\",\"formula\":\"=1\"}]}");
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.body()).contains("names.A1");
        Http.Response noSheet = http.postJson(
                workbooks(workspace),
                "{\"name\":\"x\",\"names\":[{\"name\":\"R\",\"sheet\":\"Nope\",\"formula\":\"=1\"}]}");
        assertThat(noSheet.status()).isEqualTo(422);
        assertThat(http.postJson(workbooks(workspace), "{\"name\":\"x\",\"dateSystem\":1905}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void badInputGetsAProblemThatNamesWhatIsWrong() {
        String path = workbooks("acme");

        Http.Response malformed = http.postJson(path, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.body()).contains("not valid JSON");

        Http.Response wrongType = http.send("POST", path, "text/plain", "name=x");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.isProblem()).isTrue();

        Http.Response blank = http.postJson(path, "{\"name\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.isProblem()).isTrue();
        assertThat(blank.body()).contains("name");

        Http.Response badWorkspace = http.postJson(workbooks("Not_A_Workspace"), "{\"name\":\"x\"}");
        assertThat(badWorkspace.status()).isEqualTo(400);
        assertThat(badWorkspace.body()).contains("workspace");

        Http.Response badId = http.get(path + "/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.isProblem()).isTrue();
        assertThat(badId.body()).contains("not-a-uuid");

        Http.Response unknownPath = http.get("/api/calc/nothing-here");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.isProblem()).isTrue();

        assertThat(JSON.readTree(http.get(path).body()).get("total").asLong())
                .as("no failed request created anything")
                .isZero();
    }

    @Test
    void healthAndOpenApiAreServed() {
        Http management = new Http("http://localhost:" + managementPort);
        assertThat(management.get("/actuator/health/readiness").body()).contains("UP");
        assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").status()).isEqualTo(404);

        Http.Response openApi = http.get("/api/calc/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/calc/workspaces/{workspace}/workbooks");
    }

    private EventEnvelope awaitEvent(String workbookId) {
        String message = TopicReader.read(Topics.Calculation.WORKBOOK_EVENTS.name(), workbookId, 1, m -> true)
                .getFirst();
        return codec.decode(message).orElseThrow();
    }

    private static String workbooks(String workspace) {
        return "/api/calc/workspaces/" + workspace + "/workbooks";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
