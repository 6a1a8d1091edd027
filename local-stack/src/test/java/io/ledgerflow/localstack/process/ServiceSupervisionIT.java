package io.ledgerflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.localstack.health.ReadinessWaiter;
import io.ledgerflow.localstack.health.Rss;
import io.ledgerflow.localstack.ports.PortCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service processes against a fake service JVM: environment, logs, readiness, failure, stop. */
class ServiceSupervisionIT {

    @TempDir
    Path dir;

    private final ProcessSpawner spawner = new ProcessSpawner();
    private final List<ServiceProcess> started = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::requestStop);
        started.forEach(process -> process.awaitStop(Duration.ofSeconds(5)));
        spawner.close();
    }

    private ServiceProcess fake(String name, String mode) {
        int managementPort = PortCheck.findFreePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                FakeService.class.getName());
        ServiceProcess process = ServiceProcess.start(
                name,
                command,
                Map.of("FAKE_MODE", mode, "MANAGEMENT_PORT", Integer.toString(managementPort), "DB_USER", name),
                dir,
                dir.resolve("logs").resolve(name + ".log"),
                URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"),
                spawner);
        started.add(process);
        return process;
    }

    @Test
    void readyServicesAreReportedAndTheirOutputLandsInTheirLog() throws Exception {
        ServiceProcess one = fake("one-service", "ready");
        ServiceProcess two = fake("two-service", "ready");

        Map<String, Duration> ready =
                new ReadinessWaiter().awaitReady(List.of(one, two), Duration.ofSeconds(60), progress::add);

        assertThat(ready).containsOnlyKeys("one-service", "two-service");
        assertThat(progress).hasSize(2).allMatch(line -> line.matches(".*-service ready after \\d+\\.\\d s"));
        assertThat(Files.readString(one.log())).contains("fake service starting", "DB_USER=one-service");
        assertThat(Rss.kib(one.pid()).orElse(0)).isPositive();

        one.requestStop();
        one.awaitStop(Duration.ofSeconds(10));
        assertThat(one.isAlive()).isFalse();
    }

    @Test
    void aServiceThatExitsFailsTheWaitAtOnceWithItsLog() {
        ServiceProcess ready = fake("good-service", "ready");
        ServiceProcess crashing = fake("bad-service", "crash");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new ReadinessWaiter()
                        .awaitReady(List.of(ready, crashing), Duration.ofSeconds(300), progress::add))
                .isInstanceOfSatisfying(
                        ReadinessWaiter.ServiceNotReadyException.class,
                        e -> assertThat(e.service()).isEqualTo("bad-service"))
                .hasMessageContaining("bad-service exited with code 3")
                .hasMessageContaining("[bad-service] boom: cannot connect to the database");
        // "at once": long before the wait's timeout, with room for a machine too busy to start a JVM quickly
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(150));
    }

    @Test
    void aServiceThatNeverGetsReadyIsNamedAtTheDeadline() {
        ServiceProcess down = fake("slow-service", "down");

        assertThatThrownBy(() -> new ReadinessWaiter().awaitReady(List.of(down), Duration.ofSeconds(4), progress::add))
                .isInstanceOf(ReadinessWaiter.ServiceNotReadyException.class)
                .hasMessageContaining("not ready after 4 s: slow-service")
                .hasMessageContaining("[slow-service] fake service starting");
        assertThat(progress).isEmpty();
    }
}
