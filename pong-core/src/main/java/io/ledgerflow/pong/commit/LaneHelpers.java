package io.ledgerflow.pong.commit;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that help event loops run a batch of lane tasks (see {@link EventLoop}). Shared by any number of loops (the
 * games of a service). A loop offers a batch and works on it itself; a helper takes the tasks it finds left.
 *
 * <p>Why not an executor: waking a parked thread costs a few hundred microseconds on a virtual machine — as long as a
 * whole batch of shard steps. A frame is a burst of batches a few hundred microseconds apart, so a helper that found
 * work keeps spinning for {@code spinNanos} before it parks again: it is awake for the next batch of the frame, and
 * idle between frames.
 */
public final class LaneHelpers implements AutoCloseable {

    /** A batch of tasks that any thread may claim one by one. */
    static final class Batch {
        private final Runnable[] tasks;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();

        Batch(Runnable[] tasks) {
            this.tasks = tasks;
        }

        /** Runs unclaimed tasks until none is left; true if it ran any. */
        boolean work() {
            boolean ran = false;
            for (int i = next.getAndIncrement(); i < tasks.length; i = next.getAndIncrement()) {
                try {
                    tasks[i].run();
                } finally {
                    finished.incrementAndGet();
                }
                ran = true;
            }
            return ran;
        }

        boolean claimable() {
            return next.get() < tasks.length;
        }

        boolean done() {
            return finished.get() == tasks.length;
        }
    }

    private final ConcurrentLinkedQueue<Batch> open = new ConcurrentLinkedQueue<>();
    private final Thread[] threads;
    private final long spinNanos;
    private volatile boolean closed;

    private LaneHelpers(int threads, long spinNanos) {
        this.spinNanos = spinNanos;
        this.threads = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            this.threads[i] =
                    Thread.ofPlatform().name("lane-helper-" + i).daemon().start(this::help);
        }
    }

    /** {@code threads} helpers that stay awake 300 µs after their last task. */
    public static LaneHelpers start(int threads) {
        return new LaneHelpers(threads, 300_000);
    }

    public int threads() {
        return threads.length;
    }

    /** Runs every task of the batch, on this thread and any helper that joins in; returns when all are done. */
    void run(Batch batch) {
        open.add(batch);
        for (Thread t : threads) {
            LockSupport.unpark(t); // no cost for a helper that is spinning
        }
        batch.work();
        open.remove(batch);
        for (int spins = 0; !batch.done(); spins++) {
            // only tasks a helper took are still running, on another core
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void help() {
        long idleSince = System.nanoTime();
        while (!closed) {
            Batch batch = open.peek();
            if (batch != null && batch.claimable()) {
                if (batch.work()) {
                    idleSince = System.nanoTime();
                }
            } else if (batch != null) {
                open.remove(batch); // fully claimed: the offering loop waits for it
            } else if (System.nanoTime() - idleSince < spinNanos) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                idleSince = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
