package io.ledgerflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.gateway.problem.GatewayProblems;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** Routing, limits and problem answers, through a real gateway to real stub upstreams. */
class GatewayIT extends GatewayTestBase {

    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}";

    @ParameterizedTest
    @ValueSource(strings = {"calc", "linking", "sharing", "pong"})
    void routesEachPrefixToItsServiceWithoutRewritingThePath(String service) {
        gateway()
                .post()
                .uri("/api/{service}/echo/items?page=2", service)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(service)
                .jsonPath("$.method")
                .isEqualTo("POST")
                .jsonPath("$.path")
                .isEqualTo("/api/" + service + "/echo/items?page=2")
                .jsonPath("$.forwardedHost")
                .isEqualTo("127.0.0.1:" + port)
                .jsonPath("$.bodyBytes")
                .isEqualTo(5);
    }

    @Test
    void startsATraceWhenTheClientHasNoneAndPassesItOn() {
        gateway()
                .get()
                .uri("/api/calc/echo")
                .exchange()
                .expectStatus()
                .isOk()
                // a proxied answer carries the gateway's security headers too
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectBody()
                .jsonPath("$.traceparent")
                .value(traceparent -> assertThat((String) traceparent).matches(TRACEPARENT));
    }

    @Test
    void continuesTheClientsTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        gateway()
                .get()
                .uri("/api/calc/echo")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.traceparent")
                .value(traceparent -> assertThat((String) traceparent)
                        .matches(TRACEPARENT)
                        .startsWith("00-" + traceId + "-")
                        .as("the parent is the gateway's own span, not the client's")
                        .doesNotContain("00f067aa0ba902b7"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsTheGatewaysOwnErrorsWithTheTraceId(CapturedOutput output) {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        gateway()
                .get()
                .uri("/api/ghost/logged")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isEqualTo(503);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(output.getAll())
                        .containsPattern("(?m)^.*" + traceId + ".*GET /api/ghost/logged -> 503.*$"));
    }

    @Test
    void anIdempotentGetIsRetriedWhenTheUpstreamIsUnavailable() {
        gateway()
                .get()
                .uri("/api/linking/flaky/get")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.calls")
                .isEqualTo(2);
    }

    @Test
    void aPostIsNeverRetriedAndTheUpstreamProblemPassesThrough() {
        gateway()
                .post()
                .uri("/api/linking/flaky/post")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .isEqualTo(StubUpstreams.UNAVAILABLE_PROBLEM);
    }

    @Test
    void unknownRouteIsA404ProblemNamingThePath() {
        gateway()
                .get()
                .uri("/api/unknown/thing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.ROUTE_NOT_FOUND.toString())
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.instance")
                .isEqualTo("/api/unknown/thing")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("GET /api/unknown/thing"));
    }

    @Test
    void bodyDeclaredOverTheLimitIsA413Problem() {
        gateway()
                .post()
                .uri("/api/calc/echo")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[MAX_REQUEST_BYTES + 1])
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.PAYLOAD_TOO_LARGE.toString())
                .jsonPath("$.limitBytes")
                .isEqualTo(MAX_REQUEST_BYTES);
    }

    @Test
    void chunkedBodyCountedOverTheLimitIsA413Problem() {
        gateway()
                .post()
                .uri("/api/sharing/echo")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(3, 4096), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.PAYLOAD_TOO_LARGE.toString());
    }

    @Test
    void chunkedBodyWithinTheLimitPassesWhole() {
        gateway()
                .post()
                .uri("/api/sharing/echo")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(2, 4096), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.bodyBytes")
                .isEqualTo(MAX_REQUEST_BYTES);
    }

    @Test
    void upstreamDownIsA503Problem() {
        gateway()
                .get()
                .uri("/api/ghost/anything")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.UPSTREAM_UNAVAILABLE.toString())
                .jsonPath("$.service")
                .isEqualTo("ghost");
    }

    @Test
    void aFailingUpstreamsCircuitOpensAndIsAnsweredAtOnce() {
        List<Boolean> circuitOpen = new ArrayList<>();
        for (int i = 0; i < 10 && !circuitOpen.contains(true); i++) {
            circuitOpen.add(gateway()
                    .get()
                    .uri("/api/ghost/circuit")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .containsKey("circuitOpen"));
        }
        assertThat(circuitOpen).contains(true);
        // The other services' circuits are their own.
        gateway().get().uri("/api/calc/echo").exchange().expectStatus().isOk();
    }

    @Test
    void upstreamClosingWithoutAnswerIsA502Problem() {
        gateway()
                .get()
                .uri("/api/calc/drop")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.BAD_GATEWAY.toString());
    }

    @Test
    void slowUpstreamIsA504ProblemAfterTheResponseTimeout() {
        long start = System.nanoTime();
        gateway()
                .get()
                .uri("/api/calc/slow")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.UPSTREAM_TIMEOUT.toString())
                .jsonPath("$.service")
                .isEqualTo("calc");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(StubUpstreams.SLOW);
    }

    /** An import or a dataset version may take minutes: its route waits past the default response timeout. */
    @Test
    void aLargeBodyRouteWaitsLongerThanTheResponseTimeout() {
        gateway()
                .post()
                .uri("/api/calc/workspaces/slow/workbooks/import")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(201)
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(true);
    }

    @Test
    void upstreamProblemPassesThroughUnchanged() {
        gateway()
                .post()
                .uri("/api/calc/invalid")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"formula\":\"=1+)\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .isEqualTo(StubUpstreams.INVALID_FORMULA_PROBLEM);
    }

    @Test
    void upstream500ProblemPassesThroughUnchanged() {
        gateway()
                .get()
                .uri("/api/calc/boom")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .isEqualTo(StubUpstreams.BOOM_PROBLEM);
    }

    @Test
    void webSocketMessagesRoundTripThroughThePongRoute() {
        List<String> replies = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/api/pong/ws/echo")
                .handle((in, out) -> out.sendString(Flux.just("serve", "smash"))
                        .then()
                        .thenMany(in.receive().asString().take(2)))
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(replies).containsExactly("pong:serve", "pong:smash");
    }

    /** A game's snapshot is one WebSocket message of megabytes (10,000 balls: ~0.7 MB); Netty's default cap is 64 KiB. */
    @Test
    void aWebSocketMessageOfMegabytesPassesThroughTheGateway() {
        String reply = HttpClient.create()
                .websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(16 * 1024 * 1024)
                        .build())
                .uri("ws://127.0.0.1:" + port + "/api/pong/ws/big")
                .handle((in, out) -> out.sendString(Flux.just("3000000"))
                        .then()
                        .thenMany(in.aggregateFrames(16 * 1024 * 1024)
                                .receive()
                                .asString()
                                .take(1)))
                .blockFirst(Duration.ofSeconds(20));
        assertThat(reply).hasSize(3_000_000);
    }

    @Test
    void aClientOverItsBudgetGets429ProblemsWhileOthersPass() {
        // A client of its own: 127.0.0.2 is loopback too, so its bucket is separate from the other tests'.
        WebTestClient other = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<String> refused = null;
        // The bucket refills at 1/s, so a slow machine needs a few more requests than the burst to run dry.
        while (refused == null && statuses.size() < RATE_LIMIT_BURST + 300) {
            EntityExchangeResult<String> result = other.get()
                    .uri("/api/linking/echo")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429) {
                refused = result;
            }
        }

        assertThat(statuses.subList(0, RATE_LIMIT_BURST)).containsOnly(200);
        assertThat(refused).isNotNull();
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseBody()).contains(GatewayProblems.RATE_LIMITED.toString());
        gateway().get().uri("/api/linking/echo").exchange().expectStatus().isOk();
    }

    private static Flux<DataBuffer> chunks(int count, int size) {
        byte[] chunk = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        return Flux.range(0, count)
                .concatMap(i -> Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone())));
    }
}
