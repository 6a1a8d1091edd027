package io.ledgerflow.calculation.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator reads on the management port, over real HTTP, PostgreSQL and Kafka: each metric of the suite's
 * dashboard from {@code /actuator/prometheus}, and the introspection endpoints, which answer there and never on the
 * public port.
 */
@IntegrationTest
class ObservabilityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    Http http;
    Http management;

    @BeforeEach
    void clients() {
        http = new Http("http://localhost:" + port);
        management = new Http("http://localhost:" + managementPort).withoutToken();
    }

    record LinkedValuesSet(
            UUID destinationWorkbookId,
            String linkId,
            Map<String, Object> source,
            long sourceRevision,
            List<Map<String, Object>> values)
            implements DomainEvent {
        @Override
        public String eventType() {
            return "LinkedValuesSet";
        }
    }

    @Test
    void everyMetricOfTheDashboardIsOnTheManagementPort() throws Exception {
        String workspace = "obs-" + UUID.randomUUID().toString().substring(0, 8);
        String workbooks = "/api/calc/workspaces/" + workspace + "/workbooks";
        String source = create(workbooks, "{\"name\":\"Rates\",\"sheets\":{\"Rates\":[[1.1,\"=A1*2\"]]}}");
        String destination = create(workbooks, "{\"name\":\"Budget\",\"sheets\":{\"Sheet1\":[[100,null,\"=A1*B1\"]]}}");
        assertThat(http.putJson(workbooks + "/" + source + "/cells/Rates!A1", "{\"content\":1.25}")
                        .status())
                .isEqualTo(200);

        // the value linked from the source's revision 2, delivered twice: the second is a duplicate the inbox skips
        EventEnvelope linked = events.envelope(
                "workbook",
                destination,
                workspace,
                new LinkedValuesSet(
                        UUID.fromString(destination),
                        "link-obs",
                        Map.of("type", "workbook", "documentId", source, "ref", "Rates!A1"),
                        2,
                        List.of(Map.of("ref", "Sheet1!B1", "value", 1.25))));
        for (int i = 0; i < 2; i++) {
            kafka.send(Topics.Linking.LINKED_VALUES.name(), destination, codec.encode(linked))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        JSON.readTree(http.get(workbooks + "/" + destination).body())
                                        .get("revision")
                                        .asLong()
                                == 2);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = management.get("/actuator/prometheus").body();
            // RED per endpoint, by URI template: no workspace or id in a label
            assertThat(metrics)
                    .contains("http_server_requests_seconds_bucket{")
                    .contains("uri=\"/api/calc/workspaces/{workspace}/workbooks\"")
                    .doesNotContain(workspace);
            assertThat(metrics)
                    .containsPattern("ledgerflow_kafka_consumer_lag_records\\{group=\"calculation-service\",topic=\""
                            + Topics.Linking.LINKED_VALUES.name() + "\"} 0\\.0")
                    .containsPattern("ledgerflow_outbox_backlog \\d")
                    .containsPattern("ledgerflow_outbox_oldest_unsent_age_seconds \\d")
                    .containsPattern(
                            "ledgerflow_inbox_duplicates_total\\{consumer=\"calculation-linked-values\"} [1-9]")
                    .containsPattern("ledgerflow_recalculation_seconds_count\\{.*operation=\"set-cells\".*} [1-9]")
                    .containsPattern("ledgerflow_recalculation_changed_cells_count [1-9]")
                    .containsPattern("ledgerflow_link_latency_seconds_count [1-9]")
                    .contains("ledgerflow_link_latency_seconds_bucket{le=");
        });
    }

    @Test
    void introspectionAnswersOnTheManagementPortOnly() throws Exception {
        String workspace = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        String workbook = create(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Stats\",\"sheets\":{\"S\":[[1,\"=A1+1\",\"=SUM(A1:B1)\"]]}}");

        assertThat(management.get("/actuator/threaddump").body()).contains("threadName");
        assertThat(management.get("/actuator/heaphistogram").body()).contains("java.lang.String");
        String stats = management.get("/actuator/workbookstats/" + workbook).body();
        assertThat(JSON.readTree(stats).get("graph").get("nodes").asLong()).isPositive();
        assertThat(management.get("/actuator/workbookstats").body()).contains(workbook);

        HttpClient client = HttpClient.newHttpClient();
        URI jfr = URI.create("http://localhost:" + managementPort + "/actuator/jfr");
        assertThat(client.send(post(jfr), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(201);
        assertThat(management.get("/actuator/jfr").body()).contains("RUNNING");
        assertThat(client.send(post(URI.create(jfr + "/stop")), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> recording = client.send(
                HttpRequest.newBuilder(URI.create(jfr + "/recording")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(recording.statusCode()).isEqualTo(200);
        assertThat(new String(recording.body(), 0, 4)).isEqualTo("FLR\0"); // a JFR file's magic

        // the public port, with or without a token, has none of it
        for (String path : List.of(
                "/actuator/threaddump",
                "/actuator/heaphistogram",
                "/actuator/jfr",
                "/actuator/jfr/recording",
                "/actuator/workbookstats",
                "/actuator/prometheus")) {
            for (Http client2 : List.of(http, http.withoutToken())) {
                Http.Response response = client2.get(path);
                assertThat(response.status()).as(path).isIn(401, 404);
                assertThat(response.body()).as(path).doesNotContain("threadName", "java.lang.String", "FLR");
            }
            assertThat(http.postJson(path, "{}").status()).as(path).isIn(401, 403, 404, 405);
        }
    }

    @Test
    void aProblemCarriesItsRequestsTraceId() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpRequest request = http.request("/api/calc/workspaces/acme/workbooks/not-a-uuid")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .GET()
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(JSON.readTree(response.body()).get("traceId").asString()).isEqualTo(traceId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest post(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private String create(String workbooks, String json) {
        Http.Response created = http.postJson(workbooks, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }
}
