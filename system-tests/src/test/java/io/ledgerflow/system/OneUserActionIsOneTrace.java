package io.ledgerflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.testsupport.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user action is one trace, across the log: an edit in workbook A, sent through the gateway with a known
 * {@code traceparent}, whose value a link carries into workbook B, ends up in the stack's trace server (Zipkin) as
 * one trace holding the gateway's span, calculation's (HTTP, outbox append, relay send), linking's (consume, i.e. the
 * inbox's consumer span, propagate, outbox append, relay send) and calculation's again (consume, recalculate), each
 * of the later ones below the earlier ones. Both consumers are batch bindings: the consume span is event-log's
 * {@code Inbox} span per event. Asked of Zipkin's own API, as an operator would.
 *
 * <p>Runs on the stack of {@link WholeStackIT} (as its nested class), so no stack is started for it alone.
 */
abstract class OneUserActionIsOneTrace {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    abstract LocalStack stack();

    abstract Http gateway();

    @Test
    void anEditLinkedIntoAnotherWorkbookIsOneTraceThroughEveryService() throws Exception {
        String zipkin = stack().tracingUrl();
        assertThat(zipkin).as("the stack runs a trace server").isNotNull();
        String workspace = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        String calc = "/api/calc/workspaces/" + workspace + "/workbooks/";
        String rates = create(workspace, "{\"name\":\"Rates\",\"sheets\":{\"Rates\":[[\"EUR\",1.1]]}}");
        String budget = create(workspace, "{\"name\":\"Budget\",\"sheets\":{\"Sheet1\":[[100,null,\"=A1*B1\"]]}}");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String known = gateway()
                    .get("/api/linking/workspaces/" + workspace + "/documents")
                    .body();
            return known.contains(rates) && known.contains(budget);
        });
        Http.Response link = gateway()
                .postJson(
                        "/api/linking/workspaces/" + workspace + "/links",
                        "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + rates + "\",\"ref\":\"Rates!B1\"},"
                                + "\"destination\":{\"workbookId\":\"" + budget + "\",\"cell\":\"Sheet1!B1\"}}");
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String total = calc + budget + "/cells/Sheet1!C1";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Math.abs(value(total) - 110.0) < 1e-9); // 100 * 1.1, the link's first value

        String traceId = HexFormat.of().formatHex(randomBytes(16));
        HttpResponse<String> edit = CLIENT.send(
                gateway()
                        .request(calc + rates + "/cells/Rates!B1")
                        .header(
                                "traceparent",
                                "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":1.25}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> value(total) == 125.0);

        // spans are exported in batches: wait until the last hop's are in
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Trace trace = Trace.of(get(zipkin + "/api/v2/trace/" + traceId));
                    assertThat(trace.services()).contains("gateway", "calculation-service", "linking-service");
                    Span httpEdit = trace.one("calculation-service", s -> "SERVER".equals(s.kind()));
                    Span append = trace.below(httpEdit, "calculation-service", "outbox append");
                    Span relay = trace.below(append, "calculation-service", "outbox relay send");
                    // each consumer's span (the inbox's, per event, also in batch mode) continues the relay's send
                    Span linkingConsume = trace.below(relay, "linking-service", "inbox linking-workbook-events");
                    assertThat(linkingConsume.kind()).isEqualTo("CONSUMER");
                    Span propagate = trace.below(linkingConsume, "linking-service", "propagate");
                    // propagate appends more than one event (the linked values, and the source-values state that
                    // nothing consumes yet): calculation's consumer continues the send of one of them
                    Span calcConsume = trace.below(propagate, "calculation-service", "inbox calculation-linked-values");
                    assertThat(calcConsume.kind()).isEqualTo("CONSUMER");
                    Span linkingRelay = trace.between(propagate, calcConsume, "linking-service", "outbox relay send");
                    trace.between(propagate, linkingRelay, "linking-service", "outbox append");
                    trace.below(calcConsume, "calculation-service", "recalculate");
                    assertThat(trace.spans())
                            .as("the gateway's span is above calculation's HTTP span")
                            .anyMatch(s -> s.service().equals("gateway") && trace.isBelow(httpEdit, s));
                });
    }

    private String create(String workspace, String json) {
        Http.Response created = gateway().postJson("/api/calc/workspaces/" + workspace + "/workbooks", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private double value(String cellPath) {
        return JSON.readTree(gateway().get(cellPath).body())
                .get("cells")
                .get(0)
                .get("value")
                .get("value")
                .asDouble();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "[]";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    record Span(String id, String parentId, String service, String name, String kind) {}

    /** A trace as Zipkin returns it: its spans, and who is below whom. */
    record Trace(List<Span> spans, Map<String, Span> byId) {

        static Trace of(String json) {
            List<Span> spans = new ArrayList<>();
            Map<String, Span> byId = new HashMap<>();
            for (JsonNode node : JSON.readTree(json)) {
                Span span = new Span(
                        node.path("id").asString(),
                        node.path("parentId").isMissingNode()
                                ? null
                                : node.path("parentId").asString(),
                        node.path("localEndpoint").path("serviceName").asString(),
                        node.path("name").asString(),
                        node.path("kind").isMissingNode()
                                ? null
                                : node.path("kind").asString());
                spans.add(span);
                byId.put(span.id(), span);
            }
            return new Trace(spans, byId);
        }

        List<String> services() {
            return spans.stream().map(Span::service).distinct().toList();
        }

        Span one(String service, java.util.function.Predicate<Span> matching) {
            return spans.stream()
                    .filter(s -> s.service().equals(service) && matching.test(s))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no span of " + service + " as expected in " + spans));
        }

        Span below(Span ancestor, String service, String name) {
            return below(ancestor, service, s -> s.name().equals(name));
        }

        /** A span of {@code service} matching, somewhere below {@code ancestor}. */
        Span below(Span ancestor, String service, java.util.function.Predicate<Span> matching) {
            return spans.stream()
                    .filter(s -> s.service().equals(service) && matching.test(s) && isBelow(s, ancestor))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no span of " + service + " as expected below " + ancestor + " in " + spans));
        }

        /** A span of {@code service} named {@code name} below {@code ancestor} and above {@code descendant}. */
        Span between(Span ancestor, Span descendant, String service, String name) {
            return spans.stream()
                    .filter(s -> s.service().equals(service)
                            && s.name().equals(name)
                            && isBelow(s, ancestor)
                            && isBelow(descendant, s))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no span of " + service + " named " + name + " between "
                            + ancestor + " and " + descendant + " in " + spans));
        }

        boolean isBelow(Span span, Span ancestor) {
            Span current = span;
            for (int hops = 0; hops < 100 && current != null && current.parentId() != null; hops++) {
                if (current.parentId().equals(ancestor.id())) {
                    return true;
                }
                current = byId.get(current.parentId());
            }
            return false;
        }
    }
}
