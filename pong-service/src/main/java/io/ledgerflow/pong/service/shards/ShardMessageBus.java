package io.ledgerflow.pong.service.shards;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.commit.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * pong-core's {@link Transport} over Kafka, for the shards and coordinators of games spread over processes: one bus per
 * process, one topic ({@link #TOPIC}) keyed by game id, so a game's messages stay in order on one partition. Every bus
 * reads every partition from the end (no consumer group: each process needs all messages and none from before it
 * started: {@link TopicTail}) and hands a message to the node it is addressed to if that node is registered here, on
 * the protocol thread the game's nodes in this process run on; anything else it skips. Like the in-process network, delivery is at most
 * once — the protocol is built for lost, late and duplicated messages — so the producer does not wait for replicas
 * ({@code acks=1}) or for a batch ({@code linger.ms=0}): a hop costs a broker round trip, not more.
 */
public final class ShardMessageBus implements AutoCloseable {

    /** Protocol messages of every game, key = game id. */
    public static final String TOPIC = Topics.Pong.SHARD_MESSAGES.name();

    private record Node(ProtocolThread process, Consumer<Message> handler) {}

    private final ShardMessageCodec codec = new ShardMessageCodec();
    private final KafkaProducer<String, String> producer;
    private final TopicTail tail;
    private final Map<String, Map<Integer, Node>> games = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    public ShardMessageBus(KafkaConnection connection) {
        this.producer = TopicTail.fastProducer(connection);
        this.tail = new TopicTail(connection, TOPIC, this::deliver);
    }

    /** The transport of one game's nodes in this process; their messages are handled on {@code process}. */
    public Transport transport(String gameId, ProtocolThread process) {
        Map<Integer, Node> nodes = games.computeIfAbsent(gameId, id -> new ConcurrentHashMap<>());
        return new Transport() {
            @Override
            public void register(int node, Consumer<Message> handler) {
                nodes.put(node, new Node(process, handler));
            }

            @Override
            public void unregister(int node) {
                nodes.remove(node);
            }

            @Override
            public void send(Message message) {
                sent.incrementAndGet();
                producer.send(new ProducerRecord<>(TOPIC, gameId, codec.encode(message)));
            }
        };
    }

    public long sent() {
        return sent.get();
    }

    public long delivered() {
        return delivered.get();
    }

    /** Messages on the topic this bus could not read (another version's, or corrupt); skipped. */
    public long undecodable() {
        return undecodable.get();
    }

    private void deliver(ConsumerRecord<String, String> record) {
        Map<Integer, Node> nodes = games.get(record.key());
        if (nodes == null) {
            return;
        }
        Message message;
        try {
            message = codec.decode(record.value());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            return;
        }
        Node node = nodes.get(message.to());
        if (node != null) {
            delivered.incrementAndGet();
            node.process().execute(() -> {
                // looked up again: the node may have crashed since the message was read
                Node now = nodes.get(message.to());
                if (now != null) {
                    now.handler().accept(message);
                }
            });
        }
    }

    /** Forgets a game's nodes in this process (it ended here, or moved). */
    public void forget(String gameId) {
        games.remove(gameId);
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(2));
    }
}
