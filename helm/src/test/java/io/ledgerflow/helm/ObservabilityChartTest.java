package io.ledgerflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's observability: the Grafana dashboard in a ConfigMap Grafana's sidecar finds, the alert rules in an
 * opt-in PrometheusRule, opt-in PodMonitors on the management port, tracing's and introspection's variables; and the
 * dashboard and alerts ask only for metrics the services publish (names as ObservabilityIT reads them).
 */
class ObservabilityChartTest {

    /** Every metric the dashboard and the alerts may use: Boot's, and the suite's own. */
    private static final List<String> PUBLISHED = List.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket",
            "ledgerflow_kafka_consumer_lag_records",
            "ledgerflow_outbox_backlog",
            "ledgerflow_outbox_oldest_unsent_age_seconds",
            "ledgerflow_inbox_duplicates_total",
            "ledgerflow_recalculation_seconds_bucket",
            "ledgerflow_recalculation_changed_cells_bucket",
            "ledgerflow_link_latency_seconds_bucket",
            "pong_frame_commit_seconds");

    private static final Pattern METRIC = Pattern.compile("\\b((?:ledgerflow|http_server|pong)_[a-z_]+)");

    @Test
    void theDashboardConfigMapCarriesGrafanasLabelAndValidJsonOverPublishedMetrics() {
        String rendered = RenderedChart.template(Map.of());
        String configMap = document(rendered, "name: lf-ledgerflow-dashboards");
        assertThat(configMap).contains("kind: ConfigMap").contains("grafana_dashboard: \"1\"");
        assertThat(rendered).doesNotContain("kind: PrometheusRule").doesNotContain("kind: PodMonitor");

        JsonNode dashboard = JsonMapper.shared().readTree(read("files/grafana-dashboard.json"));
        List<String> titles = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            titles.add(panel.get("title").asString());
            panel.get("targets").forEach(target -> exprs.add(target.get("expr").asString()));
        });
        assertThat(titles).hasSize(11).doesNotHaveDuplicates();
        assertThat(metricsIn(String.join("\n", exprs)))
                .containsAll(List.of(
                        "ledgerflow_kafka_consumer_lag_records",
                        "ledgerflow_outbox_oldest_unsent_age_seconds",
                        "ledgerflow_link_latency_seconds_bucket",
                        "pong_frame_commit_seconds"))
                .allSatisfy(metric -> assertThat(PUBLISHED).contains(metric));
    }

    @Test
    void alertsAndPodMonitorsAreOptIn() {
        String rendered = RenderedChart.template(Map.of(
                "observability.prometheusRule.enabled", true,
                "observability.prometheusRule.labels.release", "kube-prometheus-stack",
                "observability.podMonitor.enabled", true));
        String rule = document(rendered, "kind: PrometheusRule");
        assertThat(rule)
                .contains("release: kube-prometheus-stack")
                .contains("alert: LedgerflowConsumerLagHigh")
                .contains("alert: LedgerflowOutboxStuck")
                .contains("alert: LedgerflowHighErrorRate")
                .contains("alert: LedgerflowFrameCommitSlow");
        assertThat(metricsIn(rule))
                .isNotEmpty()
                .allSatisfy(metric -> assertThat(PUBLISHED).contains(metric));
        long monitors = Pattern.compile("(?m)^kind: PodMonitor$")
                .matcher(rendered)
                .results()
                .count();
        assertThat(monitors).isEqualTo(5);
        assertThat(document(rendered, "name: lf-ledgerflow-calculation-service\n  namespace: ledgerflow\n  labels:"))
                .isNotNull();
        assertThat(rendered).contains("    - port: management\n      path: /actuator/prometheus");
    }

    @Test
    void introspectionIsExposedOnlyBehindTheManagementTokenWhichThePodMonitorsSend() {
        String defaults = RenderedChart.template(Map.of("observability.podMonitor.enabled", true));
        assertThat(defaults).doesNotContain("MANAGEMENT_TOKEN").doesNotContain("authorization:");
        assertThat(exposingOnlyHealthAndPrometheus(defaults))
                .as("no token: no introspection endpoints")
                .isEqualTo(5);

        String guarded = RenderedChart.template(Map.of(
                "observability.podMonitor.enabled", true,
                "observability.management.existingSecret", "ledgerflow-management",
                "observability.management.existingSecretKey", "bearer"));
        assertThat(Pattern.compile("name: MANAGEMENT_TOKEN\\s+valueFrom:\\s+secretKeyRef:\\s+"
                                + "name: ledgerflow-management\\s+key: bearer")
                        .matcher(guarded)
                        .results()
                        .count())
                .isEqualTo(5);
        assertThat(guarded).doesNotContain("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE");
        assertThat(Pattern.compile("path: /actuator/prometheus\\s+interval: 30s\\s+authorization:\\s+type: Bearer\\s+"
                                + "credentials:\\s+name: ledgerflow-management\\s+key: bearer")
                        .matcher(guarded)
                        .results()
                        .count())
                .as("every PodMonitor sends the token")
                .isEqualTo(5);
        // the token never reaches a Service: the management port stays off them
        assertThat(RenderedChart.with(Map.of("observability.management.existingSecret", "ledgerflow-management"))
                        .all(Service.class))
                .isNotEmpty()
                .allSatisfy(service -> assertThat(service.getSpec().getPorts())
                        .noneMatch(port -> "management".equals(port.getName())));
    }

    @Test
    void tracingExportsOnlyWhereAnEndpointIsGivenAndIntrospectionCanBeTurnedOff() {
        String defaults = RenderedChart.template(Map.of());
        assertThat(defaults).contains("name: TRACING_SAMPLING_PROBABILITY").doesNotContain("TRACING_EXPORT_ENABLED");

        String exporting = RenderedChart.template(Map.of(
                "observability.tracing.zipkinEndpoint",
                "http://zipkin.tracing:9411/api/v2/spans",
                "observability.introspection",
                false));
        assertThat(Pattern.compile("name: TRACING_EXPORT_ENABLED\\s+value: \"true\"")
                        .matcher(exporting)
                        .results()
                        .count())
                .isEqualTo(5);
        assertThat(exporting).contains("value: \"http://zipkin.tracing:9411/api/v2/spans\"");
        assertThat(exposingOnlyHealthAndPrometheus(RenderedChart.template(Map.of(
                        "observability.introspection",
                        false,
                        "observability.management.existingSecret",
                        "ledgerflow-management"))))
                .isEqualTo(5);
    }

    private static long exposingOnlyHealthAndPrometheus(String rendered) {
        return Pattern.compile("name: MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE\\s+value: \"health,prometheus\"")
                .matcher(rendered)
                .results()
                .count();
    }

    private static List<String> metricsIn(String text) {
        Matcher matcher = METRIC.matcher(text);
        return matcher.results().map(r -> r.group(1)).distinct().toList();
    }

    /** The rendered document containing {@code marker}. */
    private static String document(String rendered, String marker) {
        for (String document : rendered.split("(?m)^---\\s*$")) {
            if (document.contains(marker)) {
                return document;
            }
        }
        throw new AssertionError("no document with " + marker);
    }

    private static String read(String file) {
        try {
            return Files.readString(RenderedChart.CHART.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
