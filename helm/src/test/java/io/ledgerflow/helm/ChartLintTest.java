package io.ledgerflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** helm lint, and values.schema.json refusing values that would deploy something wrong. */
class ChartLintTest {

    /**
     * Linted as a user installs it: with a key for authentication (on by default, it fails to render without one,
     * and lint has no --set), written into a copy of the chart's values.yaml.
     */
    @Test
    void chartLintsCleanlyInStrictMode(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(RenderedChart.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path values = copy.resolve("values.yaml");
        String withKey = Files.readString(values)
                .replace(
                        "  existingSecret: \"\"\n  ## @param auth.existingSecretKey",
                        "  existingSecret: lf-auth\n  ## @param auth.existingSecretKey");
        assertThat(withKey).contains("existingSecret: lf-auth");
        Files.writeString(values, withKey);
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
        "gateway.replicaCount, -1, replicaCount",
        "pongService.replicaCount, 0, replicaCount",
        "calculationService.image.pullPolicy, Sometimes, pullPolicy",
        "logFormat, xml, logFormat",
        "gateway.service.type, ExternalName, type",
        "linkingService.database.password, secret, password",
        "dataSharingService.database.url, postgres://db/sharing, url",
        "containerSecurityContext.runAsNonRoot, false, runAsNonRoot",
        "containerSecurityContext.readOnlyRootFilesystem, false, readOnlyRootFilesystem",
        "calculationService.autoscaling.targetCPUUtilizationPercentage, 150, targetCPUUtilizationPercentage",
        "gateway.ports.management, 70000, management",
        "containerSecurityContext.capabilities.drop[0], NET_RAW, drop",
        "containerSecurityContext.capabilities.add[0], NET_ADMIN, add",
    })
    void schemaRejectsBadValues(String key, String value, String reported) {
        assertThatThrownBy(() -> RenderedChart.template(Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(reported);
    }

    @Test
    void schemaRequiresTheDatabaseSecret() {
        assertThatThrownBy(() -> RenderedChart.template(Map.of("pongService.database.existingSecret", "")))
                .hasMessageContaining("existingSecret");
    }

    @Test
    void aBudgetThatWouldBlockNodeDrainsIsRefused() {
        assertThatThrownBy(() -> RenderedChart.template(Map.of("linkingService.replicaCount", 1)))
                .hasMessageContaining("linkingService.pdb.minAvailable (1) must be below its replicas (1)");
        assertThatThrownBy(() -> RenderedChart.template(
                        Map.of("gateway.autoscaling.enabled", true, "gateway.autoscaling.minReplicas", 1)))
                .hasMessageContaining("gateway.pdb.minAvailable (1) must be below its replicas (1)");
        assertThat(RenderedChart.template(
                        Map.of("linkingService.replicaCount", 1, "linkingService.pdb.enabled", false)))
                .contains("kind: Deployment");
    }

    @Test
    void pongServiceRefusesASecondInstanceWhileItRunsEveryGame() {
        assertThatThrownBy(() -> RenderedChart.template(Map.of("pongService.replicaCount", 2)))
                .hasMessageContaining("pong-service runs in one instance (pongService.singleInstance)");
        assertThatThrownBy(() -> RenderedChart.template(Map.of("pongService.autoscaling.enabled", true)))
                .hasMessageContaining("pong-service runs in one instance");
        assertThat(RenderedChart.template(Map.of(
                        "pongService.singleInstance", false,
                        "pongService.replicaCount", 2,
                        "pongService.pdb.enabled", true)))
                .contains("type: RollingUpdate");
    }

    @Test
    void aGoodOverrideStillRenders() {
        // the counterpart of the refusals above: the same keys with acceptable values
        assertThat(RenderedChart.template(Map.of(
                        "gateway.replicaCount", 3,
                        "calculationService.image.pullPolicy", "Always",
                        "logFormat", "logstash")))
                .contains("kind: Deployment");
    }
}
