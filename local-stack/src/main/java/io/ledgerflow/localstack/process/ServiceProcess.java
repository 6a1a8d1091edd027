package io.ledgerflow.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service running as its own JVM, its output (stdout and stderr) in {@code <logs>/<name>.log};
 * the previous run's log is kept as {@code <name>.previous.log}.
 */
public final class ServiceProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final URI readinessUrl;

    private ServiceProcess(String name, Process process, Path log, URI readinessUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.readinessUrl = readinessUrl;
    }

    /**
     * Starts {@code command} in {@code workingDir} with {@code env} added to this JVM's environment.
     *
     * @param readinessUrl where the process answers {@code {"status":"UP"}} once it is ready
     */
    public static ServiceProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Path workingDir,
            Path log,
            URI readinessUrl,
            ProcessSpawner spawner) {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the log " + log, e);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(env);
        return new ServiceProcess(name, spawner.start(builder), log, readinessUrl);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public URI readinessUrl() {
        return readinessUrl;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    /** Asks the process to stop (SIGTERM: Spring Boot shuts down gracefully). */
    public void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Waits up to {@code grace} for the process to end, then kills it and its descendants. */
    public void awaitStop(Duration grace) {
        try {
            process.onExit().get(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
