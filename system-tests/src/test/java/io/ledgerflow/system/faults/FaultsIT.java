package io.ledgerflow.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.system.SystemStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The fault harness on the whole stack from the packaged jars (docs/verification.md). In {@code mvn verify} a short
 * run with a fixed seed; the long run is the same test with {@code -Dfaults.duration=PT30M -Dfaults.seed=random}.
 * The history and a summary go to {@code target/faults/}.
 */
class FaultsIT {

    /** The short run's seed: its faults go through every kind once (docs/verification.md). */
    static final long SEED = 20_261_202L;

    @Test
    void underKillsRestartsAndPausesNothingAcknowledgedIsLostOrDoubledAndLinksConverge() throws Exception {
        FaultRun.Settings settings = settings();
        Path out = Path.of("target", "faults");
        Files.createDirectories(out);
        FaultRun.Result result;
        long started = System.nanoTime();
        // the stack the fuzz and the isolation probes used before (this test sorts last): its faults hit a stack
        // that has served other clients, and the build saves a stack start
        LocalStack stack = SystemStacks.shared();
        Duration start = Duration.ofNanos(System.nanoTime() - started);
        result = new FaultRun(stack, settings, out.resolve("history-" + settings.seed() + ".jsonl")).run();
        String summary = Summary.of(result, start, Duration.ofNanos(System.nanoTime() - started));
        Files.writeString(out.resolve("summary-" + settings.seed() + ".md"), summary);
        System.out.println(summary);
        assertThat(result.anomalies())
                .as("anomalies (history in %s)", result.history())
                .isEmpty();
        assertThat(result.faults()).as("faults injected").hasSizeGreaterThanOrEqualTo(4);
        assertThat(result.faults())
                .as("every fault recovered")
                .allSatisfy(fault -> assertThat(fault.recovery()).isNotNull());
        assertThat(result.operations().get(Op.Kind.WRITE).getOrDefault(Op.Outcome.OK, 0)
                        + result.operations().get(Op.Kind.BATCH).getOrDefault(Op.Outcome.OK, 0))
                .as("acknowledged writes")
                .isGreaterThanOrEqualTo(10);
    }

    private static FaultRun.Settings settings() {
        String seed = System.getProperty("faults.seed", Long.toString(SEED));
        return new FaultRun.Settings(
                seed.equals("random") ? ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) : Long.parseLong(seed),
                Duration.parse(System.getProperty("faults.duration", "PT30S")),
                Integer.getInteger("faults.clients", 4),
                Duration.parse(System.getProperty("faults.timeout", "PT8S")),
                Duration.parse(System.getProperty("faults.gap", "PT2S")));
    }
}
