package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.ports.PortCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher as a user runs it: exit codes, SIGTERM, and what a SIGKILLed launcher
 * leaves behind being cleaned up by the next one. Runs {@code target/*-exec.jar} (built in
 * {@code package}, before the integration tests).
 */
class LauncherProcessIT {

    private static final Path JAR = Path.of("target", "local-stack-" + LocalStackOptions.VERSION + "-exec.jar");
    private static final Duration UP_WITHIN = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    private final List<Process> launched = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        launched.forEach(Process::destroyForcibly);
    }

    private record Run(Process process, List<String> output) {
        boolean printed(String text) {
            return output.stream().anyMatch(line -> line.contains(text));
        }
    }

    private Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        launched.add(process);
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(output::add);
            } catch (java.io.IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        });
        pump.setDaemon(true);
        pump.start();
        return new Run(process, output);
    }

    private String[] infraArgs(int postgres, int kafka, int controller) {
        return new String[] {
            "--only-infra",
            "--state-dir",
            dir.resolve("state").toString(),
            "--postgres-port",
            Integer.toString(postgres),
            "--kafka-port",
            Integer.toString(kafka),
            "--kafka-controller-port",
            Integer.toString(controller)
        };
    }

    @Test
    void aKilledLauncherLeavesNothingTheNextOneDoesNotStopAndSigtermStopsEverything() throws Exception {
        assertThat(JAR).exists();
        int postgres = PortCheck.findFreePort();
        int kafka = PortCheck.findFreePort();
        int controller = PortCheck.findFreePort();
        Path postmasterPid = dir.resolve("state/data/postgres/postmaster.pid");

        Run first = launch(infraArgs(postgres, kafka, controller));
        await().atMost(UP_WITHIN)
                .until(() -> first.printed("Press Ctrl-C") || !first.process().isAlive());
        assertThat(first.output()).anyMatch(line -> line.contains("Kafka") && line.contains("localhost:" + kafka));
        long postmaster =
                Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.process().waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                .as("PostgreSQL is daemonised, so it outlives a SIGKILLed launcher")
                .contains(true);

        Run second = launch(infraArgs(postgres, kafka, controller));
        await().atMost(UP_WITHIN)
                .until(() -> second.printed("Press Ctrl-C") || !second.process().isAlive());
        assertThat(second.output())
                .anyMatch(line -> line.contains("Stopped processes left running by a previous launcher: postgres"));
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));

        // SIGTERM, as Ctrl-C. Through the handle: Process.destroy() would also close our end of its output.
        second.process().toHandle().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .alias("'Stopped.' in " + second.output() + " exit "
                        + second.process().exitValue())
                .until(() -> second.printed("Stopped."));
        assertThat(postmasterPid).doesNotExist();
        assertThat(dir.resolve("state/pids")).doesNotExist();
        assertThat(PortCheck.isFree(postgres)).isTrue();
        assertThat(PortCheck.isFree(kafka)).isTrue();
    }

    @Test
    void aTakenPortEndsTheLauncherWithANamedPortAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = launch(infraArgs(PortCheck.findFreePort(), PortCheck.findFreePort(), taken.getLocalPort()));

            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process().exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> run.printed("port " + taken.getLocalPort() + " (Kafka controller) is already in use"));
            assertThat(dir.resolve("state/data/postgres")).doesNotExist();
        }
    }

    @Test
    void aWrongOptionEndsTheLauncherWithUsageAndExitCodeTwo() throws Exception {
        Run run = launch("--frsh");

        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> run.printed("unknown option '--frsh'"));
        assertThat(run.output()).anyMatch(line -> line.contains("--only-infra"));
    }
}
