package io.ledgerflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.gateway.problem.GatewayProblems;
import io.ledgerflow.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at the gateway, over a plain socket: oversized request lines, headers and bodies, and request
 * targets no URI may carry, each answered with a problem+json (never an empty answer or a reset connection); bodies
 * within the route's limit reach the stub upstream whole.
 */
class HostileInputIT extends GatewayTestBase {

    private static final String[] OCTETS = {"Content-Type: application/octet-stream", "Accept: */*"};

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp("127.0.0.1", port);
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() {
        RawHttp.Response response = http.get("/api/calc/echo/" + "a".repeat(9_000));

        assertProblem(response, 414, GatewayProblems.URI_TOO_LONG.toString());
        assertThat(response.body()).contains("\"limitBytes\":8192");
    }

    @Test
    void headersOverTheLimitAreA431Problem() {
        RawHttp.Response response =
                http.send("GET", "/api/calc/echo", new String[] {"X-Big: " + "b".repeat(20_000)}, null);

        assertProblem(response, 431, GatewayProblems.HEADERS_TOO_LARGE.toString());
    }

    @Test
    void aDeclaredBodyOfMegabytesIsA413ProblemNotAReset() {
        RawHttp.Response response = http.send("POST", "/api/calc/echo", OCTETS, new byte[6 * 1024 * 1024]);

        assertProblem(response, 413, GatewayProblems.PAYLOAD_TOO_LARGE.toString());
        assertThat(response.body()).contains("\"limitBytes\":" + MAX_REQUEST_BYTES);
    }

    @Test
    void aChunkedBodyOfMegabytesIsA413ProblemNotAReset() {
        RawHttp.Response response =
                http.sendChunked("POST", "/api/sharing/echo", OCTETS, new byte[6 * 1024 * 1024], 64 * 1024);

        assertProblem(response, 413, GatewayProblems.PAYLOAD_TOO_LARGE.toString());
    }

    @Test
    void importsAndDatasetVersionsTakeLargeBodies() {
        // Far over the 8 KB default limit of these tests, small enough for their 1 s upstream timeout.
        byte[] body = new byte[64 * 1024];
        RawHttp.Response imported =
                http.send("POST", "/api/calc/workspaces/acme/workbooks/import?name=big", OCTETS, body);
        RawHttp.Response published =
                http.sendChunked("POST", "/api/sharing/workspaces/acme/datasets/d1/versions", OCTETS, body, 8 * 1024);
        RawHttp.Response elsewhere = http.send("POST", "/api/calc/workspaces/acme/workbooks/w1/sheets", OCTETS, body);

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.body()).contains("\"bodyBytes\":" + body.length);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.body()).contains("\"bodyBytes\":" + body.length);
        assertProblem(elsewhere, 413, GatewayProblems.PAYLOAD_TOO_LARGE.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/calc/workspaces/a%00b/workbooks",
                "/api/calc/workspaces/a%2Fb/workbooks",
                "/api/calc/workspaces/a%5cb/workbooks",
                "/api/calc/workspaces/%zz/workbooks",
                "/api/calc/workspaces/a%/workbooks",
                "/api/calc/workspaces/%C0%AF/workbooks",
                "/api/calc/workspaces/a%01b/workbooks",
                "/api/calc/echo?q=%zz",
                "/api/calc/echo?q=a%00b",
                "/api/calc/echo?q=%7F",
                "/api/calc/echo?page={\"$ne\":1}",
                "/api/calc/echo/a|b",
            })
    void targetsNoUriMayCarryAre400Problems(String target) {
        RawHttp.Response get = http.get(target);
        RawHttp.Response post = http.send("POST", target, "application/json", "{\"a\":1}");

        assertProblem(get, 400, GatewayProblems.INVALID_REQUEST_TARGET.toString());
        assertProblem(post, 400, GatewayProblems.INVALID_REQUEST_TARGET.toString());
    }

    @Test
    void rawControlCharactersInTheRequestLineAre400Problems() {
        RawHttp.Response response = http.get("/api/calc/echo/a\u0001b");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }

    @Test
    void anAcceptableTargetStillPasses() {
        RawHttp.Response response = http.get("/api/calc/echo/caf%C3%A9?q=a+b%20c");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).as(response.toString()).contains("\"type\":\"" + type + "\"");
    }
}
