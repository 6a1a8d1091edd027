package io.ledgerflow.pong.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event loop on a virtual clock: tasks run in (time, submission) order, and time jumps to the next task
 * when nothing is due. Deterministic: no wall clock, so a timeout "fires" exactly when the simulation reaches it and
 * tests never sleep.
 *
 * <p><b>Parallel lanes.</b> A task may name a lane (a node: a shard or the coordinator) whose state only it touches.
 * Given {@link LaneHelpers}, the loop runs a run of due tasks at the same time on distinct lanes concurrently, and
 * then queues what each scheduled in the order the tasks would have run one after another. The queue therefore ends
 * up exactly as in sequential execution — the same tasks, the same times, the same order — so the results are
 * identical to one thread (property-tested), as long as lane tasks share no mutable state beyond what they schedule
 * (shards: their own state and store; the network's counters are atomic; the commit observer is synchronised).
 */
public final class EventLoop implements Scheduler {
    /** No lane: the task may touch anything and runs alone. Lanes are 0 or more. */
    public static final int NO_LANE = -1;

    private record Task(long at, long seq, int lane, Runnable run) {}

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final LaneHelpers helpers;
    /** While a batch runs: where each of its tasks' schedule calls go, instead of the queue. */
    private final ThreadLocal<List<Task>> deferred = new ThreadLocal<>();

    private long now;
    private long seq;
    private long batches;

    /** A single-threaded loop. */
    public EventLoop() {
        this(null);
    }

    /** A loop that runs due tasks of distinct lanes with {@code helpers} (null: on one thread). */
    public EventLoop(LaneHelpers helpers) {
        this.helpers = helpers;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public void schedule(long delay, Runnable task) {
        schedule(NO_LANE, delay, task);
    }

    /** Schedules a task that touches only {@code lane}'s state (see the class comment). */
    public void schedule(int lane, long delay, Runnable task) {
        List<Task> batchBuffer = deferred.get();
        if (batchBuffer != null) {
            batchBuffer.add(new Task(now + Math.max(0, delay), -1, lane, task)); // seq given when the batch ends
        } else {
            queue.add(new Task(now + Math.max(0, delay), seq++, lane, task));
        }
    }

    /** Runs tasks until {@code done} holds or the queue is empty; returns whether {@code done} held. */
    public boolean runUntil(BooleanSupplier done, long maxTasks) {
        long n = 0;
        while (!done.getAsBoolean()) {
            Task t = queue.poll();
            if (t == null || n >= maxTasks) {
                if (t != null) {
                    queue.add(t);
                }
                return done.getAsBoolean();
            }
            now = Math.max(now, t.at);
            List<Task> batch = helpers == null || t.lane < 0 ? null : batchFrom(t);
            if (batch == null) {
                n++;
                t.run.run();
            } else {
                n += batch.size();
                batches++;
                runConcurrently(batch);
            }
        }
        return true;
    }

    /** {@code first} and the tasks right after it due at the same time on other distinct lanes, or null if alone. */
    private List<Task> batchFrom(Task first) {
        List<Task> batch = null;
        long lanes = 1L << (first.lane & 63);
        for (Task next = queue.peek();
                next != null && next.at <= now && next.lane >= 0 && (lanes & (1L << (next.lane & 63))) == 0;
                next = queue.peek()) {
            if (batch == null) {
                batch = new ArrayList<>();
                batch.add(first);
            }
            batch.add(queue.poll());
            lanes |= 1L << (next.lane & 63);
        }
        return batch;
    }

    private void runConcurrently(List<Task> batch) {
        int size = batch.size();
        @SuppressWarnings("unchecked")
        List<Task>[] scheduled = new List[size];
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable[] work = new Runnable[size];
        for (int i = 0; i < size; i++) {
            int k = i;
            work[k] = () -> {
                try {
                    scheduled[k] = runDeferring(batch.get(k));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    scheduled[k] = List.of();
                }
            };
        }
        // this thread starts at once; helpers take what is left (most batches are a few microseconds of bookkeeping
        // this thread finishes alone; a batch of physics steps is shared)
        helpers.run(new LaneHelpers.Batch(work));
        if (failure.get() != null) {
            throw failure.get();
        }
        // in the order the tasks would have run one by one, so sequence numbers match sequential execution
        for (List<Task> children : scheduled) {
            for (Task c : children) {
                queue.add(new Task(c.at, seq++, c.lane, c.run));
            }
        }
    }

    private List<Task> runDeferring(Task task) {
        List<Task> buffer = new ArrayList<>();
        deferred.set(buffer);
        try {
            task.run.run();
        } finally {
            deferred.remove();
        }
        return buffer;
    }

    /** How many times tasks ran concurrently. */
    public long parallelBatches() {
        return batches;
    }

    public boolean isIdle() {
        return queue.isEmpty();
    }
}
