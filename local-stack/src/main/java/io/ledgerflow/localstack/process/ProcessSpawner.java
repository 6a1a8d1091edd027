package io.ledgerflow.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts child processes so that they die with the launcher, even when the launcher is killed
 * with SIGKILL and no shutdown hook runs.
 *
 * <p>On Linux each command is prefixed with {@code setpriv --pdeathsig TERM --}, which sets the
 * child's parent-death signal and then execs the real command (same PID). The kernel sends that
 * signal when the <em>thread</em> that forked the child ends, so every child is forked from one
 * dedicated thread that lives exactly as long as this spawner. Where {@code setpriv} is missing
 * (macOS) children are still recorded in the pid file and stopped by the next start.
 */
public final class ProcessSpawner implements AutoCloseable {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final ExecutorService thread;
    private final boolean parentDeathSignal;

    public ProcessSpawner() {
        this(Files.isExecutable(SETPRIV) && System.getProperty("os.name", "").startsWith("Linux"));
    }

    ProcessSpawner(boolean parentDeathSignal) {
        this.parentDeathSignal = parentDeathSignal;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread spawner = new Thread(runnable, "local-stack-spawner");
            spawner.setDaemon(true);
            return spawner;
        });
    }

    /** Whether children receive SIGTERM when the launcher dies (Linux with setpriv). */
    public boolean diesWithParent() {
        return parentDeathSignal;
    }

    /** Starts {@code builder}'s command from the spawner thread, wrapped when possible. */
    public Process start(ProcessBuilder builder) {
        List<String> command = new ArrayList<>();
        if (parentDeathSignal) {
            command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        command.addAll(builder.command());
        builder.command(command);
        Future<Process> started = thread.submit(builder::start);
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + command, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("cannot start " + command, io);
            }
            throw new IllegalStateException("cannot start " + command, e.getCause());
        }
    }

    /** Ends the spawner thread. Children still running then get their parent-death signal. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
