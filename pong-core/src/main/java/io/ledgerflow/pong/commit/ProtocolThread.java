package io.ledgerflow.pong.commit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real-time counterpart of {@link EventLoop}: one thread per process on which every protocol step of the nodes
 * the process hosts runs — message deliveries (a transport hands them over with {@link #execute}) and timeouts
 * ({@link #schedule}, in milliseconds). Nodes therefore never run concurrently with each other, as on the event loop,
 * but time is the wall clock and messages cross real networks.
 */
public final class ProtocolThread implements Scheduler, Executor, AutoCloseable {

    private final ScheduledExecutorService thread;
    private final long start = System.nanoTime();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();

    public ProtocolThread(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
    }

    /** Milliseconds since this thread started: the unit of {@link Coordinator.Options#timeout()} here. */
    @Override
    public long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void schedule(long delay, Runnable task) {
        try {
            thread.schedule(() -> guarded(task), Math.max(0, delay), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the process is going away, and so are its nodes
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Runs {@code step} on this thread and waits for it (setting nodes up or taking them down from outside). */
    public void runAndWait(Runnable step) {
        if (thread.isShutdown()) {
            return; // closed: its nodes are gone already
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Protocol steps that threw (a bug, or a malformed message); the thread carries on with the next one. */
    public long failures() {
        return failures.get();
    }

    public RuntimeException lastFailure() {
        return lastFailure.get();
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastFailure.set(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
