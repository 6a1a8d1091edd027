package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.localstack.process.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path repo;

    private LocalStackOptions parse(String... args) {
        CommandLine.Parsed parsed = CommandLine.parse(args, Map.of(), repo);
        assertThat(parsed.help()).isFalse();
        return parsed.options();
    }

    @Test
    void defaultsFollowTheRuntimeContract() {
        LocalStackOptions options = parse();

        assertThat(options.fresh()).isFalse();
        assertThat(options.onlyInfra()).isFalse();
        assertThat(options.gatewayPort()).isEqualTo(8080);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.kafkaControllerPort()).isEqualTo(19093);
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(options.services())
                .extracting(ServiceSpec::module)
                .containsExactly(
                        "calculation-service", "linking-service", "data-sharing-service", "pong-service", "gateway");
        assertThat(options.services()).extracting(options::httpPort).containsExactly(8081, 8082, 8083, 8084, 8080);
        assertThat(options.services())
                .extracting(options::managementPort)
                .containsExactly(9081, 9082, 9083, 9084, 9080);
        assertThat(options.stateDir()).isEqualTo(repo.toAbsolutePath().resolve(".local-stack"));
        assertThat(options.postgresDataDir()).isEqualTo(options.stateDir().resolve("data/postgres"));
        assertThat(options.kafkaLogDir()).isEqualTo(options.stateDir().resolve("data/kafka"));
        assertThat(options.execJar(ServiceSpec.GATEWAY))
                .isEqualTo(repo.toAbsolutePath().resolve("gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar"));
    }

    @Test
    void extraJvmOptionsComeFromTheEnvironmentWithTheModuleNamed() {
        LocalStackOptions options = CommandLine.parse(
                        new String[0],
                        Map.of(
                                LocalStackOptions.JVM_OPTS_VARIABLE,
                                " -XX:StartFlightRecording=filename=/tmp/{module}.jfr  -Dx=1 "),
                        repo)
                .options();

        assertThat(options.serviceJvmArgs("gateway"))
                .startsWith(LocalStackOptions.DEFAULT_SERVICE_JVM_ARGS.toArray(String[]::new))
                .endsWith("-XX:StartFlightRecording=filename=/tmp/gateway.jfr", "-Dx=1");
        assertThat(parse().serviceJvmArgs()).isEqualTo(LocalStackOptions.DEFAULT_SERVICE_JVM_ARGS);
    }

    @Test
    void flagsAreRead() {
        LocalStackOptions options = parse("--fresh", "--only-infra", "--timeout", "30", "--env", "LOG_FORMAT=ecs");

        assertThat(options.fresh()).isTrue();
        assertThat(options.onlyInfra()).isTrue();
        assertThat(options.services()).isEmpty();
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.extraEnv()).containsExactly(Map.entry("LOG_FORMAT", "ecs"));
    }

    @Test
    void anOffsetShiftsEveryPort() {
        LocalStackOptions options = parse("--port-offset", "100");

        assertThat(options.services()).extracting(options::httpPort).containsExactly(8181, 8182, 8183, 8184, 8180);
        assertThat(options.services())
                .extracting(options::managementPort)
                .containsExactly(9181, 9182, 9183, 9184, 9180);
        assertThat(options.postgresPort()).isEqualTo(15532);
        assertThat(options.kafkaPort()).isEqualTo(19192);
        assertThat(options.kafkaControllerPort()).isEqualTo(19193);
    }

    @Test
    void explicitPortsWinOverTheOffsetWhateverTheirOrder() {
        LocalStackOptions options = parse(
                "--gateway-port=9999", "--kafka-port", "29092", "--port-offset", "10", "--postgres-port", "25432");

        assertThat(options.gatewayPort()).isEqualTo(9999);
        assertThat(options.httpPort(ServiceSpec.GATEWAY)).isEqualTo(9999);
        assertThat(options.managementPort(ServiceSpec.GATEWAY)).isEqualTo(9090);
        assertThat(options.kafkaPort()).isEqualTo(29092);
        assertThat(options.kafkaControllerPort()).isEqualTo(29093);
        assertThat(options.postgresPort()).isEqualTo(25432);
        assertThat(options.httpPort(ServiceSpec.SERVICES.get(0))).isEqualTo(8091);
    }

    @Test
    void theControllerPortCanBeSetApart() {
        assertThat(parse("--kafka-controller-port", "4000", "--kafka-port", "3000")
                        .kafkaControllerPort())
                .isEqualTo(4000);
    }

    @Test
    void modulesCanBeSkipped() {
        LocalStackOptions options = parse("--skip", "pong-service,linking-service", "--skip=gateway");

        assertThat(options.services())
                .extracting(ServiceSpec::module)
                .containsExactly("calculation-service", "data-sharing-service");
        assertThatThrownBy(() -> parse("--skip", "nope-service"))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("no module nope-service");
    }

    @Test
    void helpIsRecognised() {
        assertThat(CommandLine.parse(new String[] {"--help"}, Map.of(), repo).help())
                .isTrue();
        assertThat(CommandLine.parse(new String[] {"-h"}, Map.of(), repo).help())
                .isTrue();
        assertThat(CommandLine.USAGE).contains("--fresh", "--only-infra", "--port-offset", "--gateway-port");
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertThatThrownBy(() -> parse("--bogus")).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> parse("--gateway-port")).hasMessageContaining("--gateway-port needs a value");
        assertThatThrownBy(() -> parse("--gateway-port", "--fresh")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--kafka-port", "x")).hasMessageContaining("--kafka-port needs a number");
        assertThatThrownBy(() -> parse("--postgres-port", "70000")).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> parse("--port-offset", "60000")).hasMessageContaining("--port-offset");
        assertThatThrownBy(() -> parse("--env", "NOEQUALS")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> parse("--port-offset", "-9000")).isInstanceOf(CommandLine.UsageException.class);
    }

    @Test
    void theRepositoryIsFoundAboveTheWorkingDirectory() throws Exception {
        Files.createDirectories(repo.resolve("local-stack"));
        Files.writeString(repo.resolve("local-stack/pom.xml"), "<project/>");
        Path nested = Files.createDirectories(repo.resolve("gateway/src"));

        assertThat(CommandLine.findHome(Map.of(), nested)).isEqualTo(repo.toAbsolutePath());
        assertThat(CommandLine.findHome(Map.of("LEDGERFLOW_HOME", "/somewhere"), nested))
                .isEqualTo(Path.of("/somewhere"));
        assertThat(CommandLine.parse(new String[] {"--home", "/x"}, Map.of(), nested)
                        .options()
                        .home())
                .isEqualTo(Path.of("/x"));
    }
}
