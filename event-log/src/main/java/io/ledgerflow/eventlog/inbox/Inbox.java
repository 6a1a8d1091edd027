package io.ledgerflow.eventlog.inbox;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventContext;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.trace.EventTracing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once per consumer: the event id is recorded in the inbox table in the
 * same transaction as the effect. A redelivered event finds its id there and is skipped; a failed
 * effect rolls the record back with it, so the event is applied on redelivery.
 *
 * <p>{@link #consumer} and {@link #batchConsumer} make the functional beans Spring Cloud Stream binds
 * to topics: the binder commits the offset after the function returned, so after the transaction.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EnvelopeCodec codec;
    private volatile EventTracing tracing = EventTracing.NONE;
    private volatile DuplicateListener duplicates = consumer -> {};

    /** Told of every redelivered event the inbox skipped (a metric). */
    @FunctionalInterface
    public interface DuplicateListener {
        void skipped(String consumer);
    }

    public Inbox(JdbcClient jdbc, TransactionTemplate transactions, EnvelopeCodec codec) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codec = codec;
    }

    /** Each event's effect runs in a span continuing the producer's trace ({@link #inboxSpan}). */
    public void setTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    public void setDuplicateListener(DuplicateListener listener) {
        this.duplicates = listener;
    }

    /**
     * A record-at-a-time consumer: each message decoded and {@linkplain #process processed}. A message
     * that is not an envelope throws {@link UndecodableEventException} (dead-lettered, not retried); a
     * failing effect throws its own exception (retried with back-off, then dead-lettered).
     */
    public Consumer<Message<byte[]>> consumer(String consumer, Consumer<EventEnvelope> effect) {
        return message -> process(
                consumer,
                new Delivery(
                        decode(consumer, message.getPayload()),
                        traceparent(message.getHeaders().get(EventTracing.TRACEPARENT))),
                effect);
    }

    /**
     * A batch consumer (binding {@code batch-mode: true}): every event of the poll applied in one
     * transaction, each at most once. When the event at index {@code i} cannot be decoded or its effect
     * fails, the events before it are committed on their own and {@link BatchListenerFailedException}
     * names {@code i}: the binder commits the offsets before it and retries (or dead-letters) from it,
     * so the inbox and the offsets stay exact.
     */
    public Consumer<Message<List<byte[]>>> batchConsumer(String consumer, Consumer<EventEnvelope> effect) {
        return message -> {
            List<?> headers = message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
            List<Delivery> deliveries = new ArrayList<>();
            for (byte[] payload : message.getPayload()) {
                int i = deliveries.size();
                try {
                    deliveries.add(new Delivery(
                            decode(consumer, payload),
                            headers != null && i < headers.size() && headers.get(i) instanceof Map<?, ?> h
                                    ? traceparent(h.get(EventTracing.TRACEPARENT))
                                    : null));
                } catch (UndecodableEventException e) {
                    apply(consumer, deliveries, effect);
                    throw new BatchListenerFailedException(e.getMessage(), e, i);
                }
            }
            apply(consumer, deliveries, effect);
        };
    }

    /**
     * An event as the log delivered it, with the W3C traceparent of its Kafka record (the relay's send span; null
     * when the record had none, as in a replay: the envelope's is used then).
     */
    private record Delivery(EventEnvelope event, String traceparent) {}

    private static String traceparent(Object header) {
        return switch (header) {
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case String text -> text;
            case null, default -> null;
        };
    }

    private EventEnvelope decode(String consumer, byte[] payload) {
        if (payload == null) {
            throw new UndecodableEventException(consumer, "no payload");
        }
        return codec.decode(new String(payload, StandardCharsets.UTF_8))
                .orElseThrow(() -> new UndecodableEventException(consumer, "not an envelope"));
    }

    /**
     * Decodes a message from the log and {@linkplain #process processes} it.
     *
     * @return the envelope when the effect ran, empty for a duplicate
     * @throws UndecodableEventException when the message is not an envelope
     */
    public Optional<EventEnvelope> receive(String consumer, String message, Consumer<EventEnvelope> effect) {
        EventEnvelope event = decode(consumer, message == null ? null : message.getBytes(StandardCharsets.UTF_8));
        return process(consumer, event, effect) ? Optional.of(event) : Optional.empty();
    }

    /**
     * Runs {@code effect} in a transaction unless {@code consumer} already processed this event.
     * Events the effect appends to the outbox carry this event as their cause.
     *
     * @return true when the effect ran, false when the event was a duplicate
     */
    public boolean process(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
        return process(consumer, new Delivery(event, null), effect);
    }

    private boolean process(String consumer, Delivery delivery, Consumer<EventEnvelope> effect) {
        EventEnvelope event = delivery.event();
        Boolean applied = inboxSpan(
                consumer,
                delivery,
                () -> transactions.execute(status -> {
                    int recorded = jdbc.sql(
                                    "insert into event_inbox (consumer, event_id) values (?, ?) on conflict do nothing")
                            .params(consumer, event.id())
                            .update();
                    if (recorded == 0) {
                        return false;
                    }
                    EventContext.runCausedBy(event, () -> effect.accept(event));
                    return true;
                }));
        if (!Boolean.TRUE.equals(applied)) {
            duplicates.skipped(consumer);
            return false;
        }
        return true;
    }

    /**
     * Applies {@code events} in order in one transaction, each unless {@code consumer} already processed
     * it (a duplicate inside the batch included). When the effect of event {@code i} fails, the events
     * before it are applied in a transaction of their own and {@link BatchListenerFailedException} names
     * {@code i}.
     *
     * @return how many effects ran
     */
    public int processBatch(String consumer, List<EventEnvelope> events, Consumer<EventEnvelope> effect) {
        return apply(
                consumer,
                events.stream().map(event -> new Delivery(event, null)).toList(),
                effect);
    }

    private int apply(String consumer, List<Delivery> deliveries, Consumer<EventEnvelope> effect) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        try {
            Integer applied = transactions.execute(status -> applyAll(consumer, deliveries, effect));
            return applied == null ? 0 : applied;
        } catch (FailedAt failed) {
            apply(consumer, deliveries.subList(0, failed.index), effect);
            throw new BatchListenerFailedException(
                    consumer + " failed on event "
                            + deliveries.get(failed.index).event().id(),
                    failed.getCause(),
                    failed.index);
        }
    }

    private int applyAll(String consumer, List<Delivery> deliveries, Consumer<EventEnvelope> effect) {
        String[] ids = deliveries.stream().map(d -> d.event().id().toString()).toArray(String[]::new);
        Set<UUID> fresh = new HashSet<>(jdbc.sql("insert into event_inbox (consumer, event_id)"
                        + " select ?, id::uuid from unnest(?::text[]) as id on conflict do nothing returning event_id")
                .params(consumer, ids)
                .query(UUID.class)
                .list());
        int applied = 0;
        for (int i = 0; i < deliveries.size(); i++) {
            EventEnvelope event = deliveries.get(i).event();
            if (!fresh.remove(event.id())) {
                duplicates.skipped(consumer);
                continue; // processed before, or earlier in this batch
            }
            try {
                inboxSpan(consumer, deliveries.get(i), () -> {
                    EventContext.runCausedBy(event, () -> effect.accept(event));
                    return null;
                });
            } catch (RuntimeException e) {
                throw new FailedAt(i, e);
            }
            applied++;
        }
        return applied;
    }

    /**
     * The one span of an event's effect, record or batch: a consumer span continuing the producer's trace from the
     * Kafka record's traceparent (else the envelope's), whatever span or observation the binder has open around the
     * poll (a batch has no per-record one), so that the effect's own spans and observations are in the event's trace.
     */
    private <T> T inboxSpan(String consumer, Delivery delivery, Supplier<T> work) {
        EventEnvelope event = delivery.event();
        return tracing.consume(
                "inbox " + consumer,
                delivery.traceparent() != null ? delivery.traceparent() : event.traceparent(),
                Map.of("consumer", consumer, "event.type", event.type()),
                work);
    }

    /** Which of {@code consumers} processed each of {@code eventIds} (absent: none), in one query. */
    public Map<UUID, String> processedBy(List<String> consumers, List<UUID> eventIds) {
        return jdbc
                .sql("select event_id, consumer from event_inbox where consumer = any(?) and event_id = any(?::uuid[])")
                .params(
                        consumers.toArray(String[]::new),
                        eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("event_id", UUID.class), rs.getString("consumer")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    public boolean alreadyProcessed(String consumer, UUID eventId) {
        return jdbc.sql("select count(*) from event_inbox where consumer = ? and event_id = ?")
                        .params(consumer, eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The effect of the event at {@code index} failed; the transaction rolls back. */
    private static final class FailedAt extends RuntimeException {
        private final int index;

        FailedAt(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }
    }
}
