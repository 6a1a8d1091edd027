package io.ledgerflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRegistryTest {

    @TempDir
    Path dir;

    private Process sleeper;

    @AfterEach
    void killSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessLeftByADeadLauncherIsStoppedOnTheNextStart() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Path file = dir.resolve("pids");
        new PidRegistry(file).record(sleeper.toHandle(), "pong-service");

        List<String> stopped = PidRegistry.stopStale(file);

        assertThat(stopped).containsExactly("pong-service (pid " + sleeper.pid() + ")");
        await().atMost(Duration.ofSeconds(30)).until(() -> !sleeper.isAlive());
        assertThat(file).doesNotExist();
    }

    @Test
    void aRecycledPidIsLeftAlone() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        long wrongStart = sleeper.toHandle()
                .info()
                .startInstant()
                .orElseThrow()
                .minusSeconds(3600)
                .toEpochMilli();
        Path file = dir.resolve("pids");
        Files.writeString(file, sleeper.pid() + " " + wrongStart + " linking-service\n");

        assertThat(PidRegistry.stopStale(file)).isEmpty();
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void clearRemovesTheFile() throws Exception {
        Path file = dir.resolve("pids");
        PidRegistry registry = new PidRegistry(file);
        registry.record(ProcessHandle.current(), "launcher");
        assertThat(Files.readString(file))
                .startsWith(ProcessHandle.current().pid() + " ")
                .contains(" launcher");

        registry.clear();

        assertThat(file).doesNotExist();
        assertThat(Instant.now()).isNotNull();
    }
}
