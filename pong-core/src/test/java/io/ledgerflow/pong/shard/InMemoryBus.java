package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.commit.Transport;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A network between processes, in memory: each process's {@link #transport} delivers the messages for the nodes it
 * registered on that process's {@link ProtocolThread}, after a random delay of 0 to {@code maxDelayMillis} (so
 * messages are reordered), or never when the node is not registered anywhere (crashed).
 */
final class InMemoryBus {

    private record Endpoint(ProtocolThread process, Consumer<Message> handler) {}

    private final Map<Integer, Endpoint> nodes = new ConcurrentHashMap<>();
    private volatile Consumer<Message> beforeDelivery = m -> {};
    private final SplittableRandom random;
    private final int maxDelayMillis;

    InMemoryBus(long seed, int maxDelayMillis) {
        this.random = new SplittableRandom(seed);
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Runs just before each delivery, on the receiver's protocol thread (tests crash nodes there). */
    void beforeDelivery(Consumer<Message> hook) {
        this.beforeDelivery = hook;
    }

    Transport transport(ProtocolThread process) {
        return new Transport() {
            @Override
            public void register(int node, Consumer<Message> handler) {
                nodes.put(node, new Endpoint(process, handler));
            }

            @Override
            public void unregister(int node) {
                nodes.remove(node);
            }

            @Override
            public void send(Message message) {
                Endpoint to = nodes.get(message.to());
                if (to != null) {
                    int delay;
                    synchronized (random) {
                        delay = random.nextInt(maxDelayMillis + 1);
                    }
                    // looked up again at delivery: a node that crashed meanwhile gets nothing
                    to.process().schedule(delay, () -> {
                        beforeDelivery.accept(message);
                        Endpoint now = nodes.get(message.to());
                        if (now != null && now.process() == to.process()) {
                            now.handler().accept(message);
                        }
                    });
                }
            }
        };
    }
}
