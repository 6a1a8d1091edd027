package io.ledgerflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.Endpoints;
import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.JsonWebSocket;
import io.ledgerflow.testsupport.Tokens;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant isolation over every resource type, through the gateway with authentication on: with workspace A's token,
 * each of workspace B's resources is invisible (404 problem+json, never 403, so existence does not leak) for reads,
 * writes and deletes, by real and guessed ids, path variants and query parameters; and a request that bypasses the
 * gateway gets 401 without a token and 404 with A's. The figures (requests tried, answers by status, 5xx) are printed
 * for docs/security.md.
 */
class IsolationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LocalStack stack;
    static Http owner;
    static Http intruder;
    static String a;
    static String b;
    static Map<String, String> ids = new TreeMap<>();

    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @BeforeAll
    static void twoTenants() {
        stack = SystemStacks.shared();
        String gateway = stack.endpoints().gatewayUrl();
        a = "iso-a-" + UUID.randomUUID().toString().substring(0, 6);
        b = "iso-b-" + UUID.randomUUID().toString().substring(0, 6);
        owner = new Http(gateway).withToken(Tokens.forWorkspaces(b));
        intruder = new Http(gateway).withToken(Tokens.forWorkspaces(a));

        ids.put("workbook", created(owner.postJson(calc("/workbooks"), "{\"name\":\"B secret plan\"}")));
        ids.put("source", created(owner.postJson(calc("/workbooks"), "{\"name\":\"B secret rates\"}")));
        assertThat(owner.putJson(calc("/workbooks/" + ids.get("workbook") + "/cells/Sheet1!A1"), "{\"content\":42}")
                        .status())
                .isEqualTo(200);
        ids.put(
                "dataset",
                created(owner.postJson(
                        sharing("/datasets"),
                        "{\"name\":\"B secret dataset\",\"columns\":[{\"name\":\"k\",\"type\":\"text\"}],"
                                + "\"primaryKey\":\"k\"}")));
        assertThat(owner.postJson(
                                sharing("/datasets/" + ids.get("dataset") + "/versions"), "{\"rows\":[{\"k\":\"x\"}]}")
                        .status())
                .isEqualTo(201);
        ids.put(
                "game",
                created(owner.postJson(
                        pong("/games"), "{\"name\":\"B match\",\"players\":2,\"balls\":5,\"shards\":1}")));
        Http.Response joined = owner.postJson(pong("/games/" + ids.get("game") + "/players"), "{\"name\":\"bea\"}");
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        ids.put("player", JSON.readTree(joined.body()).get("playerId").asString());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> owner.get(linking("/documents")).body().contains(ids.get("source")));
        ids.put(
                "link",
                created(owner.postJson(
                        linking("/links"),
                        "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + ids.get("source")
                                + "\",\"ref\":\"Sheet1!A1\"},\"destination\":{\"workbookId\":\"" + ids.get("workbook")
                                + "\",\"cell\":\"Sheet1!B1\"}}")));
    }

    @Test
    void everyResourceOfAnotherWorkspaceIsNotFoundThroughTheGateway() throws Exception {
        String guess = UUID.randomUUID().toString();
        List<Request> requests = new ArrayList<>();
        for (String id : List.of(ids.get("workbook"), guess)) {
            String wb = "/workbooks/" + id;
            requests.addAll(List.of(
                    get(calc(wb)),
                    get(calc(wb + "/cells/Sheet1!A1")),
                    get(calc(wb + "/revisions")),
                    get(calc(wb + "/revisions/2/diff?from=1")),
                    get(calc(wb + "/cells/Sheet1!A1/history")),
                    get(calc(wb + "/cells/Sheet1!A1/dependencies")),
                    get(calc(wb + "/cells/Sheet1!A1/explain")),
                    get(calc(wb + "/export?format=json")),
                    get(calc(wb + "/export?format=xlsx")),
                    write("PUT", calc(wb + "/cells/Sheet1!A1"), "{\"content\":1}"),
                    write("POST", calc(wb + "/edits"), "{\"cells\":[{\"ref\":\"Sheet1!A1\",\"content\":1}]}"),
                    write("POST", calc(wb + "/sheets"), "{\"name\":\"Stolen\"}"),
                    write("DELETE", calc(wb), null)));
        }
        requests.addAll(List.of(
                get(calc("/workbooks")),
                write("POST", calc("/workbooks"), "{\"name\":\"planted\"}"),
                get(linking("/documents")),
                get(linking("/links")),
                write("POST", linking("/links"), "{}")));
        for (String id : List.of(ids.get("link"), guess)) {
            requests.addAll(List.of(get(linking("/links/" + id)), write("DELETE", linking("/links/" + id), null)));
        }
        requests.addAll(
                List.of(get(sharing("/datasets")), write("POST", sharing("/datasets"), "{\"name\":\"planted\"}")));
        for (String id : List.of(ids.get("dataset"), guess)) {
            String ds = "/datasets/" + id;
            requests.addAll(List.of(
                    get(sharing(ds)),
                    get(sharing(ds + "/rows")),
                    get(sharing(ds + "/versions/1")),
                    write("POST", sharing(ds + "/versions"), "{\"rows\":[{\"k\":\"y\"}]}")));
        }
        requests.addAll(List.of(
                get(pong("/games")),
                write("POST", pong("/games"), "{\"name\":\"planted\",\"players\":2,\"balls\":1,\"shards\":1}")));
        for (String id : List.of(ids.get("game"), guess)) {
            String game = "/games/" + id;
            requests.addAll(List.of(
                    get(pong(game)),
                    write("POST", pong(game + "/players"), "{\"name\":\"eve\"}"),
                    write("DELETE", pong(game + "/players/" + ids.get("player")), null),
                    write("DELETE", pong(game), null)));
        }
        // path variants: mixed case, dot segments, doubled and encoded slashes, encoded letters, matrix parameters
        String wb = "/workbooks/" + ids.get("workbook");
        for (String variant : List.of(
                "/api/calc/workspaces/" + b.toUpperCase() + wb,
                "/api/calc/WORKSPACES/" + b + wb,
                "/api/calc/workspaces/" + a + "/../" + b + wb,
                "/api/calc/workspaces/" + a + "/%2e%2e/" + b + wb,
                "/api/calc/workspaces/" + a + "%2F..%2F" + b + wb,
                "/api/calc//workspaces/" + b + wb,
                "/api/calc/workspaces//" + b + wb,
                "/api/calc/workspaces/%" + Integer.toHexString(b.charAt(0)) + b.substring(1) + wb,
                "/api/calc/workspaces/" + b + ";" + a + wb,
                "/api/calc/./workspaces/" + b + wb)) {
            requests.add(get(variant));
            requests.add(write("DELETE", variant, null));
        }
        // query parameters naming the other workspace change nothing
        requests.add(get(calc(wb) + "?workspace=" + a));
        requests.add(get(calc("/workbooks?workspace=" + a)));

        for (Request request : requests) {
            Http.Response response = request.send(intruder);
            count(response.status());
            // an encoded slash is refused for everyone, before any workspace is read from the path
            int expected = request.path().toUpperCase(java.util.Locale.ROOT).contains("%2F") ? 400 : 404;
            assertThat(response.status()).as(request + " " + response.body()).isEqualTo(expected);
            assertThat(response.isProblem()).as(request.toString()).isTrue();
            assertNoSecretOfB(request, response);
        }
        // A's own collections with B named in the query show only A's (none)
        for (String path : List.of(
                "/api/calc/workspaces/" + a + "/workbooks?workspace=" + b,
                "/api/linking/workspaces/" + a + "/documents?workspace=" + b,
                "/api/sharing/workspaces/" + a + "/datasets?workspace=" + b,
                "/api/pong/workspaces/" + a + "/games?workspace=" + b)) {
            Http.Response response = intruder.get(path);
            count(response.status());
            assertThat(response.status()).as(path).isEqualTo(200);
            assertNoSecretOfB(get(path), response);
        }
        assertThat(streamStatus(stack.endpoints().gatewayUrl(), Tokens.forWorkspaces(a)))
                .as("B's game stream with A's token")
                .isEqualTo(404);
        count(404);

        assertThat(owner.get(calc(wb)).status())
                .as("B's workbook is still there")
                .isEqualTo(200);
        assertThat(owner.get(linking("/links/" + ids.get("link"))).status()).isEqualTo(200);
        assertThat(owner.get(pong("/games/" + ids.get("game"))).body()).contains("\"players\"");
        report("through the gateway");
    }

    @Test
    void aRequestThatBypassesTheGatewayNeedsAValidTokenForItsWorkspaceToo() throws Exception {
        Map<String, String> resources = Map.of(
                "calculation-service", calc("/workbooks/" + ids.get("workbook")),
                "linking-service", linking("/links/" + ids.get("link")),
                "data-sharing-service", sharing("/datasets/" + ids.get("dataset")),
                "pong-service", pong("/games/" + ids.get("game")));
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Endpoints.Service service = stack.endpoints().services().get(resource.getKey());
            Http direct = new Http(service.url());
            Http.Response anonymous = direct.withoutToken().get(resource.getValue());
            count(anonymous.status());
            assertThat(anonymous.status()).as(resource.toString()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            Http.Response forged = direct.withToken(Tokens.token(
                            "not-the-stacks-key-but-long-enough-to-sign",
                            "x",
                            List.of(b),
                            "read write",
                            Duration.ofHours(1)))
                    .get(resource.getValue());
            count(forged.status());
            assertThat(forged.status()).as(resource.toString()).isEqualTo(401);
            for (String method : List.of("GET", "DELETE")) {
                Http.Response foreign =
                        write(method, resource.getValue(), null).send(direct.withToken(Tokens.forWorkspaces(a)));
                count(foreign.status());
                assertThat(foreign.status()).as(method + " " + resource).isEqualTo(404);
                assertThat(foreign.isProblem()).isTrue();
            }
            Http.Response readOnly =
                    write("DELETE", resource.getValue(), null).send(direct.withToken(Tokens.readOnly(b)));
            count(readOnly.status());
            assertThat(readOnly.status()).as(resource.toString()).isEqualTo(403);
            assertThat(direct.get(resource.getValue()).status())
                    .as("B's own token")
                    .isEqualTo(200);
        }
        String pongUrl = stack.endpoints().services().get("pong-service").url();
        assertThat(streamStatus(pongUrl, null)).as("the stream without a token").isEqualTo(401);
        assertThat(streamStatus(pongUrl, Tokens.forWorkspaces(a)))
                .as("the stream with A's token")
                .isEqualTo(404);
        count(401);
        count(404);
        report("direct to the services");
    }

    private static int streamStatus(String baseUrl, String token) throws Exception {
        URI stream = URI.create(baseUrl.replaceFirst("^http", "ws") + pong("/games/" + ids.get("game") + "/stream"));
        try (JsonWebSocket socket = new JsonWebSocket(stream, token)) {
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static void assertNoSecretOfB(Request request, Http.Response response) {
        // a problem's `instance` echoes the path the client sent (and so the id it guessed): not a leak
        String body = response.body().replaceAll("\"instance\":\"[^\"]*\"", "");
        for (String id : ids.values()) {
            assertThat(body).as(request.toString()).doesNotContain(id);
        }
        assertThat(body).as(request.toString()).doesNotContain("B secret");
    }

    private void count(int status) {
        statuses.merge(status, 1, Integer::sum);
    }

    private void report(String how) {
        int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
        int serverErrors = statuses.entrySet().stream()
                .filter(entry -> entry.getKey() >= 500)
                .mapToInt(Map.Entry::getValue)
                .sum();
        System.out.println("[isolation] " + how + ": " + total + " requests, answers by status " + statuses + ", 5xx = "
                + serverErrors);
        assertThat(serverErrors).isZero();
    }

    private static String created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private static String calc(String path) {
        return "/api/calc/workspaces/" + b + path;
    }

    private static String linking(String path) {
        return "/api/linking/workspaces/" + b + path;
    }

    private static String sharing(String path) {
        return "/api/sharing/workspaces/" + b + path;
    }

    private static String pong(String path) {
        return "/api/pong/workspaces/" + b + path;
    }

    private static Request get(String path) {
        return new Request("GET", path, null);
    }

    private static Request write(String method, String path, String body) {
        return new Request(method, path, body);
    }

    private record Request(String method, String path, String body) {
        Http.Response send(Http http) {
            return http.send(method, path, body == null ? null : "application/json", body == null ? "" : body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
