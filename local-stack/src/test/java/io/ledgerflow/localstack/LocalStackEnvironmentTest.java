package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.localstack.ports.PortClaim;
import io.ledgerflow.localstack.postgres.Credentials;
import io.ledgerflow.localstack.process.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment each process gets is the runtime contract of DEVELOPERS.md. */
class LocalStackEnvironmentTest {

    @TempDir
    Path repo;

    private final List<String> output = new java.util.ArrayList<>();

    private LocalStack stack(LocalStackOptions options) {
        return new LocalStack(options, output::add);
    }

    @Test
    void aServiceGetsItsPortsItsDatabaseAndKafka() {
        LocalStackOptions options = LocalStackOptions.defaults(repo).withPortOffset(100);
        Credentials credentials =
                Credentials.loadOrCreate(repo.resolve("credentials.properties"), ServiceSpec.databases());

        Map<String, String> env = stack(options).environment(ServiceSpec.SERVICES.get(2), credentials);

        assertThat(env)
                .containsEntry("SERVER_PORT", "8183")
                .containsEntry("MANAGEMENT_PORT", "9183")
                .containsEntry("DB_URL", "jdbc:postgresql://localhost:15532/sharing")
                .containsEntry("DB_USER", "sharing")
                .containsEntry("DB_PASSWORD", credentials.password("sharing"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19192")
                .containsEntry("AUTH_ENABLED", "true")
                .containsKey("AUTH_JWT_SECRET")
                .doesNotContainKeys("CALC_URL");
        // every span, to the stack's Zipkin (moved with the ports)
        assertThat(env)
                .containsEntry("TRACING_EXPORT_ENABLED", "true")
                .containsEntry("TRACING_SAMPLING_PROBABILITY", "1.0")
                .containsEntry("TRACING_ZIPKIN_ENDPOINT", "http://localhost:9511/api/v2/spans");
        assertThat(stack(options.withEnv(LocalStackOptions.TRACING_EXPORT_ENABLED, "false"))
                        .environment(ServiceSpec.SERVICES.get(2), credentials))
                .containsEntry("TRACING_EXPORT_ENABLED", "false")
                .doesNotContainKeys("TRACING_ZIPKIN_ENDPOINT");
    }

    @Test
    void theGatewayGetsEveryUpstreamAndNoDatabase() {
        LocalStackOptions options =
                LocalStackOptions.defaults(repo).withGatewayPort(7000).withEnv("LOG_FORMAT", "ecs");
        Credentials credentials =
                Credentials.loadOrCreate(repo.resolve("credentials.properties"), ServiceSpec.databases());

        Map<String, String> env = stack(options).environment(ServiceSpec.GATEWAY, credentials);

        assertThat(env)
                .containsEntry("SERVER_PORT", "7000")
                .containsEntry("MANAGEMENT_PORT", "9080")
                .containsEntry("CALC_URL", "http://localhost:8081")
                .containsEntry("LINKING_URL", "http://localhost:8082")
                .containsEntry("SHARING_URL", "http://localhost:8083")
                .containsEntry("PONG_URL", "http://localhost:8084")
                .containsEntry("LOG_FORMAT", "ecs")
                .doesNotContainKeys("DB_URL", "DB_USER", "DB_PASSWORD");
    }

    @Test
    void everyPortIsClaimedOnce() {
        List<PortClaim> claims = stack(LocalStackOptions.defaults(repo)).portClaims();

        // PostgreSQL, Kafka (2), Zipkin, and http + management of five processes
        assertThat(claims).extracting(PortClaim::port).doesNotHaveDuplicates().hasSize(4 + 2 * 5);
        assertThat(claims).extracting(PortClaim::port).contains(15432, 19092, 19093, 9411, 8080, 9080, 8084, 9084);
        assertThat(stack(LocalStackOptions.defaults(repo).withEnv(LocalStackOptions.TRACING_EXPORT_ENABLED, "false"))
                        .portClaims())
                .extracting(PortClaim::port)
                .doesNotContain(9411)
                .hasSize(3 + 2 * 5);
        assertThat(stack(LocalStackOptions.defaults(repo).withOnlyInfra(true)).portClaims())
                .extracting(PortClaim::owner)
                .containsExactly("PostgreSQL", "Kafka broker", "Kafka controller");
    }

    @Test
    void missingJarsAreNamedBeforeAnythingStarts() {
        LocalStackOptions options = LocalStackOptions.defaults(repo).withStateDir(repo.resolve("state"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalStack.start(options, output::add))
                .hasMessageContaining("service jars are missing")
                .hasMessageContaining("calculation-service-0.1.0-SNAPSHOT-exec.jar")
                .hasMessageContaining("gateway-0.1.0-SNAPSHOT-exec.jar");
        assertThat(repo.resolve("state/data/postgres")).doesNotExist();
    }
}
