package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.nameOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Kafka TLS and SASL, PostgreSQL sslmode and pool sizes as the chart renders them into every service. */
class ConnectionSecurityTest {

    static final List<String> SERVICES =
            List.of("calculation-service", "linking-service", "data-sharing-service", "pong-service");

    static PodSpec pod(RenderedChart chart, String component) {
        return chart.get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec();
    }

    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    static Map<String, EnvVar> env(RenderedChart chart, String component) {
        return env(pod(chart, component).getContainers().get(0));
    }

    static String secretOf(EnvVar var) {
        return var.getValueFrom().getSecretKeyRef().getName() + "/"
                + var.getValueFrom().getSecretKeyRef().getKey();
    }

    @Test
    void theDefaultsAreThePlainLocalOnes() {
        RenderedChart chart = RenderedChart.defaults();
        for (String service : SERVICES) {
            Map<String, EnvVar> env = env(chart, service);
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("PLAINTEXT");
            assertThat(env)
                    .doesNotContainKeys(
                            "KAFKA_SASL_USERNAME",
                            "KAFKA_SSL_TRUSTSTORE_LOCATION",
                            "KAFKA_CLIENT_ID",
                            "DB_SSLROOTCERT");
            assertThat(env.get("KAFKA_TOPIC_REPLICATION_FACTOR").getValue()).isEqualTo("0");
            assertThat(env.get("DB_SSLMODE").getValue()).isEqualTo("prefer");
            assertThat(env.get("DB_POOL_SIZE").getValue()).isEqualTo("10");
            assertThat(pod(chart, service).getVolumes())
                    .extracting(Volume::getName)
                    .containsExactly("tmp");
        }
        Map<String, EnvVar> gateway = env(chart, "gateway");
        assertThat(gateway).containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(gateway.keySet()).noneMatch(name -> name.startsWith("DB_") || name.startsWith("KAFKA_S"));
    }

    @Test
    void scramOverTlsTakesTheTruststoreAndTheCredentialsFromSecrets() {
        RenderedChart chart = RenderedChart.with(Map.of(
                "kafka.tls.enabled", true,
                "kafka.tls.existingSecret", "kafka-ca",
                "kafka.sasl.enabled", true,
                "kafka.sasl.mechanism", "SCRAM-SHA-256",
                "kafka.sasl.existingSecret", "kafka-user",
                "kafka.clientId", "ledgerflow",
                "kafka.rack", "eu-west-1a"));
        for (String service : SERVICES) {
            Map<String, EnvVar> env = env(chart, service);
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-256");
            assertThat(secretOf(env.get("KAFKA_SASL_USERNAME"))).isEqualTo("kafka-user/username");
            assertThat(secretOf(env.get("KAFKA_SASL_PASSWORD"))).isEqualTo("kafka-user/password");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue())
                    .isEqualTo("/etc/ledgerflow/kafka/truststore.p12");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PKCS12");
            assertThat(secretOf(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"))).isEqualTo("kafka-ca/truststore.password");
            assertThat(env.get("KAFKA_CLIENT_ID").getValue()).isEqualTo("ledgerflow");
            assertThat(env.get("KAFKA_CLIENT_RACK").getValue()).isEqualTo("eu-west-1a");
            PodSpec pod = pod(chart, service);
            Volume truststore = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals("kafka-truststore"))
                    .findFirst()
                    .orElseThrow();
            assertThat(truststore.getSecret().getSecretName()).isEqualTo("kafka-ca");
            assertThat(truststore.getSecret().getItems())
                    .singleElement()
                    .satisfies(item -> assertThat(item.getKey()).isEqualTo("truststore.p12"));
            assertThat(pod.getContainers().get(0).getVolumeMounts())
                    .filteredOn(m -> m.getName().equals("kafka-truststore"))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.getMountPath()).isEqualTo("/etc/ledgerflow/kafka");
                        assertThat(m.getReadOnly()).isTrue();
                    });
        }
        assertThat(env(chart, "gateway")).doesNotContainKeys("KAFKA_SASL_PASSWORD", "KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void theProtocolFollowsTlsAndSasl() {
        assertThat(env(
                                RenderedChart.with(Map.of(
                                        "kafka.sasl.enabled", true,
                                        "kafka.sasl.mechanism", "PLAIN",
                                        "kafka.sasl.existingSecret", "kafka-user")),
                                "linking-service")
                        .get("KAFKA_SECURITY_PROTOCOL")
                        .getValue())
                .isEqualTo("SASL_PLAINTEXT");
        Map<String, EnvVar> publicCa = env(RenderedChart.with(Map.of("kafka.tls.enabled", true)), "linking-service");
        assertThat(publicCa.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SSL");
        assertThat(publicCa).doesNotContainKeys("KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SASL_MECHANISM");
    }

    @Test
    void saslWithoutASecretOrAnUnknownMechanismIsRefused() {
        assertThatThrownBy(() -> RenderedChart.template(Map.of("kafka.sasl.enabled", true)))
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> RenderedChart.template(Map.of(
                        "kafka.sasl.enabled", true,
                        "kafka.sasl.existingSecret", "u",
                        "kafka.sasl.mechanism", "GSSAPI")))
                .hasMessageContaining("mechanism");
    }

    @Test
    void verifyFullChecksTheServerAgainstTheRootCertificateFromASecret() {
        RenderedChart chart = RenderedChart.with(Map.of(
                "postgresql.sslmode", "verify-full",
                "postgresql.rootCert.existingSecret", "pg-ca",
                "calculationService.database.poolSize", 25));
        for (String service : SERVICES) {
            Map<String, EnvVar> env = env(chart, service);
            assertThat(env.get("DB_SSLMODE").getValue()).isEqualTo("verify-full");
            assertThat(env.get("DB_SSLROOTCERT").getValue()).isEqualTo("/etc/ledgerflow/postgresql/ca.crt");
            assertThat(env.get("DB_POOL_SIZE").getValue()).isEqualTo(service.startsWith("calc") ? "25" : "10");
            assertThat(pod(chart, service).getContainers().get(0).getVolumeMounts())
                    .extracting(VolumeMount::getMountPath)
                    .contains("/etc/ledgerflow/postgresql");
            assertThat(pod(chart, service).getVolumes())
                    .filteredOn(v -> v.getName().equals("postgresql-root-cert"))
                    .singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("pg-ca"));
        }
        assertThatThrownBy(() -> RenderedChart.template(Map.of("postgresql.sslmode", "verify-ca")))
                .hasMessageContaining("postgresql.rootCert.existingSecret");
        assertThatThrownBy(() -> RenderedChart.template(Map.of("postgresql.sslmode", "on")))
                .hasMessageContaining("sslmode");
    }
}
