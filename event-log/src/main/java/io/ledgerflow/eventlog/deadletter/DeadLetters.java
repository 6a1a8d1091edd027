package io.ledgerflow.eventlog.deadletter;

import io.ledgerflow.eventlog.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * What an operator does with dead letters: list a service's dead-letter topics, and replay one letter
 * to the topic it came from after the cause was fixed. The replayed message keeps its key, value and
 * original headers (the {@code kafka_dlt-*} ones are dropped, {@value #REPLAYED_FROM} says where it was);
 * the consumer's inbox makes a replay of an event that was applied after all a no-op.
 */
public class DeadLetters {

    /** Header on a replayed message: {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "ledgerflow-replayed-from";

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    /**
     * One dead letter.
     *
     * @param reason the exception message of the last failure
     * @param exception its class
     * @param headers the original headers and the {@code kafka_dlt-*} ones, as UTF-8 text
     */
    public record DeadLetter(
            String topic,
            int partition,
            long offset,
            Instant time,
            String key,
            String originalTopic,
            String consumerGroup,
            String exception,
            String reason,
            Map<String, String> headers,
            String value) {}

    private final Map<String, Object> consumerConfig;
    private final KafkaOperations<byte[], byte[]> kafka;
    private final List<Topic> topics;

    /**
     * @param consumerConfig a Kafka consumer's configuration (bootstrap servers, security); deserializers and
     *     group are set here
     * @param topics the dead-letter topics this service writes
     */
    public DeadLetters(Map<String, Object> consumerConfig, KafkaOperations<byte[], byte[]> kafka, List<Topic> topics) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
    }

    /** Reads and replays with the service's Kafka settings (Spring Boot's {@code spring.kafka.*}). */
    public static DeadLetters create(KafkaProperties kafka, List<Topic> topics) {
        return new DeadLetters(kafka.buildConsumerProperties(), rawTemplate(kafka), topics);
    }

    /** A template for raw records (dead letters are copied byte for byte); not a bean, so Boot's stays. */
    public static KafkaTemplate<byte[], byte[]> rawTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new ByteArraySerializer(), new ByteArraySerializer()));
    }

    public List<String> topics() {
        return topics.stream().map(Topic::name).toList();
    }

    /** Every letter of every dead-letter topic of this service, oldest first per topic. */
    public Map<String, List<DeadLetter>> list() {
        Map<String, List<DeadLetter>> all = new LinkedHashMap<>();
        for (String topic : topics()) {
            all.put(topic, read(topic).stream().map(DeadLetters::letter).toList());
        }
        return all;
    }

    /**
     * Sends the letter at {@code topic}/{@code partition}/{@code offset} back to its original topic, keyed
     * and with headers as it was.
     *
     * @throws NoSuchElementException when there is no such letter
     */
    public DeadLetter replay(String topic, int partition, long offset) {
        if (!topics().contains(topic)) {
            throw new NoSuchElementException("not a dead-letter topic of this service: " + topic);
        }
        ConsumerRecord<byte[], byte[]> letter = read(topic).stream()
                .filter(r -> r.partition() == partition && r.offset() == offset)
                .findFirst()
                .orElseThrow(() ->
                        new NoSuchElementException("no dead letter at " + topic + "/" + partition + "/" + offset));
        String original = text(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC));
        if (original == null) {
            throw new NoSuchElementException("the letter does not name its original topic: " + topic + "/" + offset);
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, (topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(new ProducerRecord<>(original, null, letter.key(), letter.value(), headers))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + topic + "/" + offset, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the replay of " + topic + "/" + offset, e.getCause());
        }
        return letter(letter);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_LIMIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_LIMIT);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_LIMIT) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (!header.key().equals(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)) {
                headers.put(header.key(), text(header));
            }
        }
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                headers.get(KafkaHeaders.DLT_ORIGINAL_TOPIC),
                headers.get(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                headers.get(KafkaHeaders.DLT_EXCEPTION_FQCN),
                headers.get(KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                headers,
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
