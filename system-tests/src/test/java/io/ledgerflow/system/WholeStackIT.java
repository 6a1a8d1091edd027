package io.ledgerflow.system;

import static io.ledgerflow.testsupport.HeadlessChromium.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.Endpoints;
import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.testsupport.HeadlessChromium;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole suite as it runs in production: PostgreSQL, a Kafka broker, four services and the
 * gateway as separate processes, started by local-stack from the packaged jars. Proves the wiring
 * through the gateway only, as a user sees it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LocalStack stack;
    static Http gateway;

    @BeforeAll
    static void startTheWholeStack() {
        stack = SystemStacks.shared();
        gateway = new Http(stack.endpoints().gatewayUrl());
    }

    /** One user action is one trace, on this stack (its own class; nested so no other stack starts for it). */
    @Nested
    class Tracing extends OneUserActionIsOneTrace {
        @Override
        LocalStack stack() {
            return stack;
        }

        @Override
        Http gateway() {
            return gateway;
        }
    }

    @Test
    void everyServiceAndTheGatewayAreReady() {
        assertThat(stack.endpoints().services()).hasSize(5);
        for (Endpoints.Service service : stack.endpoints().services().values()) {
            Http.Response readiness = new Http(service.managementUrl()).get("/actuator/health/readiness");
            assertThat(readiness.status()).as(service.module()).isEqualTo(200);
            assertThat(readiness.body()).as(service.module()).contains("UP");
        }
        assertThat(gateway.get("/actuator/health").status())
                .as("management endpoints are not exposed through the gateway")
                .isEqualTo(404);
    }

    @Test
    void theGatewaysSwaggerUiListsEveryServicesApiFetchedThroughTheGateway() {
        JsonNode config =
                JSON.readTree(gateway.get("/v3/api-docs/swagger-config").body());
        List<String> urls = new ArrayList<>();
        config.get("urls").forEach(url -> urls.add(url.get("url").asString()));
        assertThat(urls)
                .containsExactlyInAnyOrder(
                        "/api/calc/v3/api-docs",
                        "/api/linking/v3/api-docs",
                        "/api/sharing/v3/api-docs",
                        "/api/pong/v3/api-docs");
        for (String url : urls) {
            Http.Response document = gateway.get(url);
            assertThat(document.status()).as(url).isEqualTo(200);
            assertThat(JSON.readTree(document.body()).get("openapi").asString())
                    .as(url)
                    .startsWith("3.");
        }
        assertThat(gateway.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void aWorkbookCreatedThroughTheGatewayReachesLinkingThroughKafka() {
        String workspace = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created =
                gateway.postJson("/api/calc/workspaces/" + workspace + "/workbooks", "{\"name\":\"Wired\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String workbookId = JSON.readTree(created.body()).get("id").asString();

        awaitLinkingKnows(workspace, workbookId);
    }

    /**
     * The product's promise end to end: a value edited in one workbook flows through the log —
     * calculation, linking, calculation — into a cell of another, which recalculates.
     */
    @Test
    void aLinkedValueFlowsFromOneWorkbookIntoAnother() {
        String workspace = "flow-" + UUID.randomUUID().toString().substring(0, 8);
        String rates = createWorkbook(workspace, "{\"name\":\"Rates\",\"sheets\":{\"Rates\":[[\"EUR\",1.1]]}}");
        String budget =
                createWorkbook(workspace, "{\"name\":\"Budget\",\"sheets\":{\"Sheet1\":[[100,null,\"=A1*B1\"]]}}");
        awaitLinkingKnows(workspace, rates);
        awaitLinkingKnows(workspace, budget);
        Http.Response link = gateway.postJson(
                "/api/linking/workspaces/" + workspace + "/links",
                "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + rates + "\",\"ref\":\"Rates!B1\"},"
                        + "\"destination\":{\"workbookId\":\"" + budget + "\",\"cell\":\"Sheet1!B1\"}}");
        assertThat(link.status()).as(link.body()).isEqualTo(201);

        Http.Response edit = gateway.putJson(
                "/api/calc/workspaces/" + workspace + "/workbooks/" + rates + "/cells/Rates!B1", "{\"content\":1.25}");
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);

        String total = "/api/calc/workspaces/" + workspace + "/workbooks/" + budget + "/cells/Sheet1!C1";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(gateway.get(total).body())
                                .get("cells")
                                .get(0)
                                .get("value")
                                .get("value")
                                .asDouble()
                        == 125.0);
        JsonNode explained =
                JSON.readTree(gateway.get(total + "/explain?depth=1").body());
        assertThat(explained.get("inputs").get(1).get("external").get("linkId").asString())
                .isEqualTo(JSON.readTree(link.body()).get("id").asString());
    }

    /**
     * Linking as the data-flow graph, through the gateway: a chain of three workbooks whose sheets are
     * named like columns (Src, Dst, Tax), each link delivering the source's current value at once
     * (linking asks calculation through the log), every hop recalculating; a link closing the chain
     * into a cycle is refused with its path; lineage and impact follow the chain; a manual link holds
     * an edit until published.
     */
    @Test
    void aChainOfLinkedWorkbooksCarriesValuesRefusesACycleAndShowsLineage() {
        String workspace = "chain-" + UUID.randomUUID().toString().substring(0, 8);
        String calc = "/api/calc/workspaces/" + workspace + "/workbooks/";
        String links = "/api/linking/workspaces/" + workspace + "/links";
        String a = createWorkbook(workspace, "{\"name\":\"A\",\"sheets\":{\"Src\":[[2]]}}");
        String b = createWorkbook(workspace, "{\"name\":\"B\",\"sheets\":{\"Dst\":[[null,\"=A1*10\"]]}}");
        String c = createWorkbook(workspace, "{\"name\":\"C\",\"sheets\":{\"Tax\":[[null,\"=A1+1\"]]}}");
        for (String workbook : List.of(a, b, c)) {
            awaitLinkingKnows(workspace, workbook);
        }
        Http.Response ab = gateway.postJson(links, link(a, "Src!A1", b, "Dst!A1", "auto"));
        assertThat(ab.status()).as(ab.body()).isEqualTo(201);
        awaitValue(calc + b + "/cells/Dst!B1", 20.0); // no edit yet: the link started with A's current value
        Http.Response bc = gateway.postJson(links, link(b, "'Dst'!B1", c, "Tax!A1", "manual"));
        assertThat(bc.status()).as(bc.body()).isEqualTo(201);
        // the manual link too starts with its source's current value, and every hop recalculates
        awaitValue(calc + c + "/cells/Tax!B1", 21.0);

        Http.Response cycle = gateway.postJson(links, link(c, "Tax!B1", a, "Src!B1", "auto"));
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(409);
        assertThat(JSON.readTree(cycle.body()).get("cycle")).hasSize(3);

        JsonNode lineage = JSON.readTree(gateway.get("/api/linking/workspaces/" + workspace + "/lineage?documentId=" + c
                        + "&ref=Tax!A1&direction=upstream&depth=5")
                .body());
        assertThat(lineage.get("upstream").get(0).get("from").get("document").asString())
                .isEqualTo(b);
        JsonNode impact = JSON.readTree(gateway.get("/api/linking/workspaces/" + workspace + "/impact?documentId=" + a)
                .body());
        assertThat(impact.get("documentCount").asLong()).isEqualTo(1);

        // an edit at the start: the auto hop carries it, the manual hop holds it until published
        gateway.putJson(calc + a + "/cells/Src!A1", "{\"content\":3}");
        awaitValue(calc + b + "/cells/Dst!B1", 30.0);
        String bcId = JSON.readTree(bc.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> JSON.readTree(gateway.get(links + "/" + bcId).body())
                        .get("stale")
                        .asBoolean());
        assertThat(cellNumber(gateway.get(calc + c + "/cells/Tax!B1").body())).isEqualTo(21.0);
        assertThat(gateway.postJson(links + "/" + bcId + "/publish", "").status())
                .isEqualTo(200);
        awaitValue(calc + c + "/cells/Tax!B1", 31.0);
    }

    private static String link(String source, String ref, String destination, String cell, String mode) {
        return "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"" + ref
                + "\"},\"destination\":{\"workbookId\":\"" + destination + "\",\"ref\":\"" + cell
                + "\"},\"publishMode\":\"" + mode + "\"}";
    }

    private static double cellNumber(String cellsBody) {
        return JSON.readTree(cellsBody)
                .get("cells")
                .get(0)
                .get("value")
                .get("value")
                .asDouble();
    }

    private static void awaitValue(String cellPath, double expected) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> cellNumber(gateway.get(cellPath).body()) == expected);
    }

    private static String createWorkbook(String workspace, String json) {
        Http.Response created = gateway.postJson("/api/calc/workspaces/" + workspace + "/workbooks", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    /**
     * Pong as a player sees it: the page, the REST calls and the game's WebSocket, all through the gateway, in a real
     * headless Chromium; the player's key press moves their paddle in the frames that come back. 2,000 balls make the
     * snapshot one message of ~140 kB, over Netty's default WebSocket frame limit of 64 KiB.
     */
    @Test
    void thePongPageThroughTheGatewayPlaysAGameInAHeadlessBrowser() {
        String workspace = "pong-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = gateway.postJson(
                "/api/pong/workspaces/" + workspace + "/games",
                "{\"name\":\"Through the gateway\",\"players\":2,\"balls\":2000,\"shards\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();

        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(stack.endpoints().gatewayUrl() + "/api/pong/play?workspace=" + workspace + "&game=" + id
                    + "#access_token=" + Tokens.forWorkspaces(workspace));
            Duration wait = Duration.ofSeconds(60);
            await().atMost(wait).ignoreExceptions().until(() -> number(browser, "pong.framesApplied") >= 30);
            assertThat(number(browser, "pong.gaps")).isZero();

            browser.findElement(By.id("player-name")).sendKeys("lin");
            browser.findElement(By.id("join")).click();
            await().atMost(wait)
                    .ignoreExceptions()
                    .until(() -> number(browser, "pong.paddle === null ? -1 : pong.paddle") == 0);
            long before = number(browser, "pong.paddles[0].center");
            new Actions(browser).keyDown(Keys.ARROW_LEFT).perform();
            await().atMost(wait).ignoreExceptions().until(() -> number(browser, "pong.paddles[0].center") < before);
            new Actions(browser).keyUp(Keys.ARROW_LEFT).perform();
            assertThat(number(browser, "pong.errors.length")).isZero();
        } finally {
            browser.quit();
        }
    }

    /**
     * Runs last: kill -9 of the service that acknowledged a write, then its restart on the same
     * data. The write is there, and its event reached linking — before the kill or, from the
     * outbox, after the restart. A Pong game killed the same way runs again.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anAcknowledgedWriteSurvivesKillMinusNineAndARestart() {
        String workspace = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = gateway.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Durable\",\"sheets\":{\"Sheet1\":[[1,\"=A1*100\"]]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String cells = "/api/calc/workspaces/" + workspace + "/workbooks/"
                + JSON.readTree(created.body()).get("id").asString() + "/cells";
        Http.Response edited = gateway.putJson(cells + "/Sheet1!A1", "{\"content\":7}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        String workbookId = JSON.readTree(created.body()).get("id").asString();
        Http.Response game = gateway.postJson(
                "/api/pong/workspaces/" + workspace + "/games",
                "{\"name\":\"Durable\",\"players\":2,\"balls\":10,\"shards\":1}");
        assertThat(game.status()).as(game.body()).isEqualTo(201);
        String gamePath = "/api/pong/workspaces/" + workspace + "/games/"
                + JSON.readTree(game.body()).get("id").asString();

        // SIGKILL of both (no shutdown hook, no flush, no goodbye), then both start again on their data; the
        // broker's and PostgreSQL's own restarts are the fault harness's (FaultsIT)
        stack.killAndRestart(List.of("calculation-service", "pong-service"), Duration.ofSeconds(600));

        JsonNode read = JSON.readTree(gateway.get(cells + "/Sheet1!A1:B1").body());
        assertThat(read.get("revision").asLong()).isEqualTo(2);
        assertThat(read.get("cells").get(1).get("value").get("value").asDouble())
                .isEqualTo(700.0);
        awaitLinkingKnows(workspace, workbookId);
        // the game runs again, from its latest stored snapshot
        await().atMost(Duration.ofSeconds(60))
                .until(() -> JSON.readTree(gateway.get(gamePath).body())
                                .path("frame")
                                .asLong(-1)
                        > 0);
    }

    /** Linking learns of workbooks only from the log: this waits for the event to get there. */
    private static void awaitLinkingKnows(String workspace, String workbookId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get("/api/linking/workspaces/" + workspace + "/documents")
                        .body()
                        .contains(workbookId));
    }

    @Test
    void badRequestsThroughTheGatewayGetProblemsNeverA5xx() {
        String workbooks = "/api/calc/workspaces/acme/workbooks";

        Http.Response malformed = gateway.postJson(workbooks, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).as(malformed.contentType()).isTrue();

        Http.Response wrongType = gateway.send("POST", workbooks, "text/plain", "name=x");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.isProblem()).isTrue();

        Http.Response unknownRoute = gateway.get("/api/nothing/here");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.isProblem()).isTrue();

        // links are a small-body route (2 MB); workbook creation and imports take large bodies (gateway README)
        Http.Response tooLarge = gateway.postJson(
                "/api/linking/workspaces/acme/links", "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.isProblem()).isTrue();
    }

    /**
     * Data sharing through the gateway: acme publishes two versions and grants globex a slice;
     * globex reads version 1 and the change feed v1 to v2 under its own workspace's path; acme
     * revokes and globex's reads are 404 at once. Each request carries a token for its path's
     * workspace (Http's default), so globex reads only under its own workspace.
     */
    @Test
    void aDatasetSharedWithAnotherWorkspaceIsReadThroughTheGrantUntilRevoked() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-" + suffix;
        String globex = "globex-" + suffix;
        String datasets = "/api/sharing/workspaces/" + acme + "/datasets";
        Http.Response created = gateway.postJson(
                datasets,
                "{\"name\":\"FX rates\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
                        + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4}],\"primaryKey\":[\"currency\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        String dataset = datasets + "/" + id;
        Http.Response v1 = gateway.send(
                "POST", dataset + "/versions?kind=full", "text/csv", "currency,rate\nEUR,1.08\nRUB,0.011\nUSD,1\n");
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        Http.Response grant = gateway.postJson(
                dataset + "/grants",
                "{\"grantee\":\"" + globex
                        + "\",\"rowFilter\":[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        Http.Response v2 = gateway.postJson(
                dataset + "/versions",
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.0825}],\"delete\":[{\"currency\":\"USD\"}]}");
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);

        String shared = "/api/sharing/workspaces/" + globex + "/shared-with-me/" + id;
        Http.Response rows = gateway.get(shared + "/rows?version=1");
        assertThat(rows.status()).as(rows.body()).isEqualTo(200);
        List<String> currencies = new ArrayList<>();
        JSON.readTree(rows.body())
                .get("rows")
                .forEach(row -> currencies.add(row.get("currency").asString()));
        assertThat(currencies).containsExactly("EUR", "USD");
        Http.Response feed = gateway.get(shared + "/changes?from=1&to=2");
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        List<String> changes = new ArrayList<>();
        JSON.readTree(feed.body())
                .get("changes")
                .forEach(c -> changes.add(
                        c.get("key").get(0).asString() + " " + c.get("change").asString()));
        assertThat(changes).containsExactly("EUR updated", "USD deleted");

        String grantId = JSON.readTree(grant.body()).get("id").asString();
        assertThat(gateway.delete(dataset + "/grants/" + grantId).status()).isEqualTo(200);
        assertThat(gateway.get(shared + "/rows?version=1").status()).isEqualTo(404);
        assertThat(gateway.get(shared + "/changes?from=1&to=2").status()).isEqualTo(404);
    }
}
