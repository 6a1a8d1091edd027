package io.ledgerflow.pong.commit;

import java.util.function.Consumer;

/**
 * How shards and coordinators exchange {@link Message}s. At-most-once, unordered delivery is all the
 * protocol assumes: messages may be dropped, delayed, duplicated or reordered. The in-process
 * implementation is {@link SimulatedNetwork}; the service adds one over Kafka (topic keyed by game,
 * header or partition by {@code to}).
 */
public interface Transport {
    /** Delivers messages addressed to {@code node} to {@code handler} (replacing any previous one). */
    void register(int node, Consumer<Message> handler);

    /** The node is gone (crashed): messages to it are lost until it registers again. */
    void unregister(int node);

    void send(Message message);
}
