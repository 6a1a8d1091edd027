package io.ledgerflow.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes this launcher started, one line each ({@code pid startMillis name}) in
 * {@code .local-stack/pids}. When a launcher dies without stopping its children, the next start
 * reads the file and stops whatever is still running: a process counts only if its PID <em>and</em>
 * start time still match, so a recycled PID is never touched.
 */
public final class PidRegistry {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Path file;
    private final Map<Long, String> lines = new LinkedHashMap<>();

    public PidRegistry(Path file) {
        this.file = file;
    }

    public synchronized void record(ProcessHandle process, String name) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        lines.put(process.pid(), process.pid() + " " + start + " " + name);
        write();
    }

    public synchronized void clear() {
        lines.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /**
     * Stops every process a previous launcher recorded and that still runs (SIGTERM, then SIGKILL
     * after a grace period), then deletes the file.
     *
     * @return the names of the processes stopped
     */
    public static List<String> stopStale(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> stopped = new ArrayList<>();
        List<ProcessHandle> stopping = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ", 3);
                if (parts.length < 3) {
                    continue;
                }
                long pid;
                long start;
                try {
                    pid = Long.parseLong(parts[0]);
                    start = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<ProcessHandle> process = ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info()
                                .startInstant()
                                .map(Instant::toEpochMilli)
                                .map(actual -> Math.abs(actual - start) < 1000)
                                .orElse(false));
                if (process.isPresent()) {
                    process.get().destroy();
                    stopping.add(process.get());
                    stopped.add(parts[2] + " (pid " + pid + ")");
                }
            }
            for (ProcessHandle process : stopping) {
                try {
                    process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return stopped;
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines.values());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
