package io.ledgerflow.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A JFR recording of each service process during one phase (the "profile" settings, plus JDK 25's CPU-time
 * sampler where the JVM has it), started and stopped with {@code jcmd}: {@code <dir>/<phase>-<module>.jfr}. The
 * warm-up, the set-up and the final check stay out of it. Read one with {@code jfr view hot-methods <file>} or
 * {@code jfr print --events jdk.CPUTimeSample <file>}.
 */
final class PhaseProfiles {

    private static final String NAME = "accountant-load-phase";

    private final Path dir;
    private final Path jcmd;
    private final Supplier<Map<String, List<ProcessHandle>>> groups;

    PhaseProfiles(Path dir, Supplier<Map<String, List<ProcessHandle>>> groups) throws IOException {
        this.dir = Files.createDirectories(dir.toAbsolutePath());
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.groups = groups;
    }

    /** Starts a recording in every service JVM (not PostgreSQL, not this launcher). */
    void start(String phase) {
        services().forEach((module, pid) -> {
            List<String> command = new ArrayList<>(List.of(
                    "JFR.start",
                    "name=" + NAME,
                    "settings=profile",
                    "filename=" + dir.resolve(phase + "-" + module + ".jfr")));
            if (!run(pid, withCpuTimeSampler(command))) {
                run(pid, command); // a JDK without jdk.CPUTimeSample
            }
        });
    }

    /** Stops the recordings, which writes their files. */
    void stop() {
        services().forEach((module, pid) -> run(pid, List.of("JFR.stop", "name=" + NAME)));
    }

    private static List<String> withCpuTimeSampler(List<String> command) {
        List<String> withSampler = new ArrayList<>(command);
        withSampler.add("jdk.CPUTimeSample#enabled=true");
        withSampler.add("jdk.CPUTimeSample#throttle=10ms");
        return withSampler;
    }

    private Map<String, Long> services() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        groups.get().forEach((name, handles) -> {
            if (!name.startsWith("PostgreSQL") && !name.equals(ProcessCpu.KAFKA) && !handles.isEmpty()) {
                pids.put(name, handles.getFirst().pid());
            }
        });
        return pids;
    }

    private boolean run(long pid, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(jcmd.toString());
        command.add(Long.toString(pid));
        command.addAll(args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            boolean ok = done && process.exitValue() == 0 && !output.contains("Could not") && !output.contains("rror");
            if (!ok) {
                System.err.println("[load] jcmd " + pid + " " + String.join(" ", args) + ": " + output.strip());
            }
            return ok;
        } catch (IOException e) {
            System.err.println("[load] jcmd failed: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
