package io.ledgerflow.pong.commit;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A single-threaded discrete-event loop on a virtual clock: tasks run in (time, submission) order, and
 * time jumps to the next task when nothing is due. Deterministic: no wall clock, no threads, so a
 * timeout "fires" exactly when the simulation reaches it and tests never sleep.
 */
public final class EventLoop implements Scheduler {
    private record Task(long at, long seq, Runnable run) {}

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long now() {
        return now;
    }

    @Override
    public void schedule(long delay, Runnable task) {
        queue.add(new Task(now + Math.max(0, delay), seq++, task));
    }

    /** Runs tasks until {@code done} holds or the queue is empty; returns whether {@code done} held. */
    public boolean runUntil(BooleanSupplier done, long maxTasks) {
        long n = 0;
        while (!done.getAsBoolean()) {
            Task t = queue.poll();
            if (t == null || n++ >= maxTasks) {
                return done.getAsBoolean();
            }
            now = Math.max(now, t.at);
            t.run.run();
        }
        return true;
    }

    public boolean isIdle() {
        return queue.isEmpty();
    }
}
