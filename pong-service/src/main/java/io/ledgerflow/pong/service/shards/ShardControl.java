package io.ledgerflow.pong.service.shards;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How the instance that runs a game and the instances that host its shards agree on who hosts what, over topic
 * {@link #TOPIC}: hosts say they are alive every second; the game's instance asks each chosen host to host some
 * shards of a game (by its placement key) and waits for each to say it is ready; when the game moves or ends it
 * releases them. Every instance reads the whole topic from its end ({@link TopicTail}).
 */
public final class ShardControl implements AutoCloseable {

    public static final String TOPIC = Topics.Pong.SHARD_CONTROL.name();

    /** What instances say to each other about shard placement. */
    public sealed interface Command {}

    /** {@code host} can host shards; sent every second. */
    public record HostAlive(String host) implements Command {}

    /** {@code host}: host shards {@code shardIds} of the game placed under {@code key}, empty at {@code frame}. */
    public record HostShards(
            String key, String host, Arena arena, ZoneLayout layout, long frame, List<Integer> shardIds)
            implements Command {}

    /** {@code host} hosts its shards of {@code key} and listens for their messages. */
    public record ShardsReady(String key, String host) implements Command {}

    /** Every host drops its shards of {@code key}. */
    public record ReleaseShards(String key) implements Command {}

    private final ShardMessageCodec codec = new ShardMessageCodec();
    private final KafkaProducer<String, String> producer;
    private final TopicTail tail;

    public ShardControl(KafkaConnection connection, Consumer<Command> listener) {
        this.producer = TopicTail.fastProducer(connection);
        this.tail = new TopicTail(connection, TOPIC, record -> {
            try {
                listener.accept(codec.decodeCommand(record.value()));
            } catch (RuntimeException e) {
                // another version's command, or a listener failure: the next heartbeat or retry repairs it
            }
        });
    }

    public void send(Command command) {
        producer.send(new ProducerRecord<>(TOPIC, "placement", codec.encodeCommand(command)));
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(2));
    }
}
