package io.ledgerflow.pong.commit;

/** Timers for protocol timeouts. In-process: {@link EventLoop} on a virtual clock. */
public interface Scheduler {
    long now();

    void schedule(long delay, Runnable task);
}
