package io.ledgerflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessSpawnerTest {

    @Test
    void childrenDieWhenTheSpawnerGoesAwayEvenIfNobodyStopsThem() {
        ProcessSpawner spawner = new ProcessSpawner();
        assumeTrue(spawner.diesWithParent(), "needs Linux and setpriv");
        Process child = spawner.start(new ProcessBuilder("sleep", "60"));
        try {
            assertThat(child.isAlive()).isTrue();
            // The same PID runs the real command: setpriv execs it.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> child.info().command().orElse("").endsWith("sleep"));

            // What a SIGKILLed launcher amounts to for the child: its forking thread is gone.
            spawner.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutTheParentDeathSignalTheCommandRunsAsIs() {
        try (ProcessSpawner spawner = new ProcessSpawner(false)) {
            ProcessBuilder builder = new ProcessBuilder("true");
            Process child = spawner.start(builder);

            assertThat(builder.command()).containsExactly("true");
            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThat(child.exitValue()).isZero();
        }
    }
}
