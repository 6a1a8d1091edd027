package io.ledgerflow.pong.commit;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The in-process {@link Transport}: messages are delivered through an {@link EventLoop}. With the
 * default {@link Faults#NONE} every message arrives once, in order, at the current virtual time. With
 * faults it drops, delays (and so reorders) and duplicates messages from a seeded random source, so a
 * failing run can be replayed exactly.
 */
public final class SimulatedNetwork implements Transport {

    /**
     * Fault rates; delays are uniform in {@code [0, maxDelay]} virtual ticks.
     */
    public record Faults(double drop, double duplicate, long maxDelay) {
        public static final Faults NONE = new Faults(0, 0, 0);
    }

    private final EventLoop loop;
    private final Map<Integer, Consumer<Message>> nodes = new HashMap<>();
    private final SplittableRandom random;
    private Faults faults;
    private static final Predicate<Message> DELIVER_ALL = m -> true;

    private Predicate<Message> onDeliver = DELIVER_ALL;
    // atomic: on a parallel loop, shards send from several threads at once
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public SimulatedNetwork(EventLoop loop, Faults faults, long seed) {
        this.loop = loop;
        this.faults = faults;
        this.random = new SplittableRandom(seed);
    }

    public SimulatedNetwork(EventLoop loop) {
        this(loop, Faults.NONE, 0);
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    /**
     * A hook run just before each delivery; returning false drops the message. Tests use it to crash a
     * node at an exact protocol step.
     */
    public void onDeliver(Predicate<Message> hook) {
        this.onDeliver = hook;
    }

    @Override
    public void register(int node, Consumer<Message> handler) {
        nodes.put(node, handler);
    }

    @Override
    public void unregister(int node) {
        nodes.remove(node);
    }

    @Override
    public void send(Message message) {
        sent.incrementAndGet();
        if (faults.equals(Faults.NONE) && onDeliver == DELIVER_ALL) {
            // the production path: a delivery to a shard touches only that shard, so shards may run in parallel
            // (EventLoop lanes); the coordinator's deliveries run alone
            int lane = Nodes.isShard(message.to()) ? message.to() : EventLoop.NO_LANE;
            loop.schedule(lane, 0, () -> deliver(message));
            return;
        }
        if (faults.drop() > 0 && random.nextDouble() < faults.drop()) {
            dropped.incrementAndGet();
            return;
        }
        int copies = faults.duplicate() > 0 && random.nextDouble() < faults.duplicate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = faults.maxDelay() > 0 ? random.nextLong(faults.maxDelay() + 1) : 0;
            loop.schedule(delay, () -> deliver(message));
        }
    }

    private void deliver(Message message) {
        Consumer<Message> handler = nodes.get(message.to());
        if (handler != null && onDeliver.test(message)) {
            handler.accept(message);
        }
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
