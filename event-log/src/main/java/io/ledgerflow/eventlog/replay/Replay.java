package io.ledgerflow.eventlog.replay;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the log alone: drops it and the consumer's inbox in one transaction, then
 * reads the consumer's topics from the beginning up to their end at the start of the rebuild and applies
 * every event through the inbox, a poll at a time ({@link Inbox#processBatch}). Idempotent: a second
 * rebuild gives the same state; events that arrive meanwhile are applied by the live binding afterwards,
 * once (the inbox knows the replayed ones). Stop the consumer's binding while it runs
 * ({@code /actuator/bindings/<binding>}), so the live consumer does not write into the dropped projection.
 */
public class Replay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;
    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    /** What a rebuild did: events applied, messages that were not envelopes (skipped), time taken. */
    public record Result(long applied, long undecodable, Duration took) {}

    public Replay(
            Map<String, Object> consumerConfig,
            Inbox inbox,
            EnvelopeCodec codec,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.inbox = inbox;
        this.codec = codec;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Drops the projection ({@code drop}, e.g. deleting its rows) and {@code consumer}'s inbox, then applies
     * every event of {@code topics} with {@code effect}, as the consumer's binding would.
     */
    public Result rebuild(String consumer, List<String> topics, Runnable drop, Consumer<EventEnvelope> effect) {
        return rebuild(consumer, topics, drop, batch -> batch, effect);
    }

    /**
     * As {@link #rebuild(String, List, Runnable, Consumer)}, applying only the events of each poll that {@code select}
     * keeps (one look-up a poll, e.g. which of them a live consumer applied); the others are skipped.
     */
    public Result rebuild(
            String consumer,
            List<String> topics,
            Runnable drop,
            UnaryOperator<List<EventEnvelope>> select,
            Consumer<EventEnvelope> effect) {
        long started = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            drop.run();
            jdbc.sql("delete from event_inbox where consumer = ?")
                    .param(consumer)
                    .update();
        });
        long applied = 0;
        long undecodable = 0;
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                kafka.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> kafka.position(p) < end.get(p))) {
                List<EventEnvelope> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // arrived after the rebuild started: the live binding applies it
                    }
                    var event = record.value() == null
                            ? java.util.Optional.<EventEnvelope>empty()
                            : codec.decode(new String(record.value(), StandardCharsets.UTF_8));
                    if (event.isPresent()) {
                        batch.add(event.get());
                    } else {
                        undecodable++; // its dead letter is with the live consumer's dead-letter topic
                    }
                }
                applied += inbox.processBatch(consumer, batch.isEmpty() ? batch : select.apply(batch), effect);
            }
        }
        return new Result(applied, undecodable, Duration.ofNanos(System.nanoTime() - started));
    }
}
