package io.ledgerflow.gateway;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Real HTTP (and WebSocket) servers standing in for the four services, one per service on a random loopback port,
 * started once per test JVM. Each serves under its gateway prefix, as the real services do:
 *
 * <ul>
 *   <li>{@code GET /api/{svc}/v3/api-docs}: a small OpenAPI document titled "{svc} stub"
 *   <li>{@code GET /api/{svc}/play/**}: a small HTML page titled "{svc} page"
 *   <li>{@code /api/{svc}/echo/**} and {@code /api/{svc}/workspaces/**}: JSON naming the service, method, path,
 *       {@code X-Forwarded-Host}, {@code traceparent}, {@code Authorization} and the number of body bytes received
 *   <li>{@code POST /api/calc/invalid}: 400 problem+json, {@code GET /api/calc/boom}: 500 problem+json
 *   <li>{@code /api/linking/flaky/**}: 503 problem+json the first time each path is called, 200 after that
 *   <li>{@code GET /api/calc/slow}: answers after {@link #SLOW}; so does {@code POST
 *       /api/calc/workspaces/slow/workbooks/import}, a large-body route; {@code GET /api/calc/drop}: closes without answering
 *   <li>WebSocket {@code /api/pong/ws/echo}: answers each text frame {@code m} with {@code pong:m}
 *   <li>WebSocket {@code /api/pong/ws/big}: answers a text frame {@code n} with one frame of {@code n} characters
 * </ul>
 *
 * Plus {@link #deadUrl()}: a loopback port with nothing listening, for "upstream down".
 */
public final class StubUpstreams {

    public static final List<String> SERVICES = List.of("calc", "linking", "sharing", "pong");
    public static final Duration SLOW = Duration.ofSeconds(4);

    public static final String INVALID_FORMULA_PROBLEM = "{\"type\":\"https://ledgerflow.io/problems/invalid-input\","
            + "\"title\":\"Invalid formula\",\"status\":400,\"detail\":\"Unexpected ')' at 4\","
            + "\"instance\":\"/api/calc/invalid\"}";
    public static final String BOOM_PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\","
            + "\"status\":500,\"detail\":\"calc broke\"}";

    public static final String UNAVAILABLE_PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"warming up\"}";

    private static final Map<String, AtomicInteger> FLAKY_CALLS = new ConcurrentHashMap<>();

    private static final StubUpstreams INSTANCE = new StubUpstreams();

    private final Map<String, DisposableServer> servers = new LinkedHashMap<>();
    private final String deadUrl;

    private StubUpstreams() {
        for (String service : SERVICES) {
            servers.put(
                    service,
                    HttpServer.create()
                            .host("127.0.0.1")
                            .port(0)
                            .handle((request, response) -> handle(service, request, response))
                            .bindNow(Duration.ofSeconds(10)));
        }
        deadUrl = "http://127.0.0.1:" + unusedPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.values().forEach(DisposableServer::disposeNow)));
    }

    public static StubUpstreams get() {
        return INSTANCE;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + servers.get(service).port();
    }

    public String deadUrl() {
        return deadUrl;
    }

    private static Publisher<Void> handle(String service, HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        String prefix = "/api/" + service;
        if (path.equals(prefix + "/ws/big")
                && "websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
            return response.sendWebsocket((in, out) ->
                    out.sendString(in.receive().asString().map(size -> "x".repeat(Integer.parseInt(size)))));
        }
        if (path.equals(prefix + "/ws/echo")
                && "websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
            return response.sendWebsocket(
                    (in, out) -> out.sendString(in.receive().asString().map(message -> "pong:" + message)));
        }
        if (path.startsWith(prefix + "/play/")) {
            return json(response, 200, "text/html", "<!doctype html><title>" + service + " page</title>");
        }
        if (path.equals(prefix + "/v3/api-docs")) {
            return json(
                    response,
                    200,
                    "application/json",
                    "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service
                            + " stub\",\"version\":\"1\"},\"paths\":{}}");
        }
        if (path.equals("/api/calc/workspaces/slow/workbooks/import")) {
            return request.receive()
                    .then()
                    .then(Mono.delay(SLOW))
                    .then(Mono.from(json(response, 201, "application/json", "{\"imported\":true}")));
        }
        if (path.startsWith(prefix + "/echo") || path.startsWith(prefix + "/workspaces/")) {
            return request.receive()
                    .map(ByteBuf::readableBytes)
                    .reduce(0L, Long::sum)
                    .flatMap(bytes -> Mono.from(json(
                            response,
                            200,
                            "application/json",
                            "{\"service\":\"" + service + "\",\"method\":\""
                                    + request.method().name() + "\",\"path\":\"" + request.uri()
                                    + "\",\"forwardedHost\":\""
                                    + request.requestHeaders().get("X-Forwarded-Host", "") + "\",\"traceparent\":\""
                                    + request.requestHeaders().get("traceparent", "") + "\",\"authorization\":\""
                                    + request.requestHeaders().get("Authorization", "") + "\",\"bodyBytes\":"
                                    + bytes + "}")));
        }
        if (path.equals("/api/calc/invalid")) {
            return request.receive()
                    .then(Mono.from(json(response, 400, "application/problem+json", INVALID_FORMULA_PROBLEM)));
        }
        if (path.equals("/api/calc/boom")) {
            return json(response, 500, "application/problem+json", BOOM_PROBLEM);
        }
        if (path.startsWith("/api/linking/flaky/")) {
            // 503 on the first request for each path, 200 from then on: shows whether the gateway retried.
            int seen = FLAKY_CALLS
                    .computeIfAbsent(path, key -> new AtomicInteger())
                    .incrementAndGet();
            return seen == 1
                    ? request.receive()
                            .then(Mono.from(json(response, 503, "application/problem+json", UNAVAILABLE_PROBLEM)))
                    : request.receive()
                            .then(Mono.from(json(response, 200, "application/json", "{\"calls\":" + seen + "}")));
        }
        if (path.equals("/api/calc/slow")) {
            return Mono.delay(SLOW).then(Mono.from(json(response, 200, "application/json", "{\"slow\":true}")));
        }
        if (path.equals("/api/calc/drop")) {
            return response.withConnection(connection -> connection.channel().close())
                    .then(Mono.never());
        }
        return json(response, 404, "application/problem+json", "{\"type\":\"about:blank\",\"status\":404}");
    }

    private static Publisher<Void> json(HttpServerResponse response, int status, String contentType, String body) {
        return response.status(status).header("Content-Type", contentType).sendString(Mono.just(body));
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
