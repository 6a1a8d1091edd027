package io.ledgerflow.eventlog.outbox;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.eventlog.trace.EventTracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events in the service's outbox table inside the caller's transaction, so the state
 * change and its events commit or roll back together. Never {@code save()} then {@code send()}.
 */
public class Outbox {

    /**
     * The largest encoded envelope appended by default: the producer's {@code max.request.size} and the broker's
     * {@code message.max.bytes} are 1 MiB, and the record's key, CloudEvents headers and framing need room too.
     */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1_000_000;

    private final JdbcClient jdbc;
    private final EventFactory events;
    private final EnvelopeCodec codec;
    private final OutboxRelay relay;
    private final EventTracing tracing;
    private volatile int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;

    public Outbox(JdbcClient jdbc, EventFactory events, EnvelopeCodec codec, OutboxRelay relay) {
        this(jdbc, events, codec, relay, EventTracing.NONE);
    }

    public Outbox(JdbcClient jdbc, EventFactory events, EnvelopeCodec codec, OutboxRelay relay, EventTracing tracing) {
        this.jdbc = jdbc;
        this.events = events;
        this.codec = codec;
        this.relay = relay;
        this.tracing = tracing;
    }

    /** The largest encoded envelope {@link #append} accepts (UTF-8 bytes); a larger one is refused. */
    public void setMaxEventBytes(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Appends an event of the aggregate to the outbox. Must run inside the transaction that changes
     * the aggregate, and that transaction must lock the aggregate (an update of its row does), so
     * that events of one aggregate take outbox positions in commit order.
     *
     * @throws EventTooLargeException when the encoded envelope is larger than the log takes: an event that cannot
     *     be sent must not be committed (the relay would have to leave it behind), so the caller's transaction
     *     rolls back
     * @return the envelope as written; its payload is the event itself ({@link EnvelopeCodec#toPojoNode}), serialized
     *     once to the row's JSON rather than to a tree first
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope append(
            Topic topic, String aggregateType, String aggregateId, String tenant, DomainEvent event) {
        EventEnvelope envelope = tracing.inSpan(
                "outbox append", null, Map.of("topic", topic.name(), "event.type", event.eventType()), () -> {
                    EventEnvelope appended = events.envelopeToEncode(aggregateType, aggregateId, tenant, event);
                    String encoded = encodeWithinLimit(appended, event.eventType(), aggregateId);
                    jdbc.sql("insert into event_outbox (event_id, topic, message_key, envelope) values (?, ?, ?, ?)")
                            .params(appended.id(), topic.name(), appended.key(), encoded)
                            .update();
                    return appended;
                });
        wakeRelayAfterCommit();
        return envelope;
    }

    /** One event of an {@link #appendAll} batch, with the aggregate it belongs to. */
    public record Keyed(String aggregateId, DomainEvent event) {}

    /**
     * Appends many events of one aggregate type and tenant to one topic as {@link #append} does,
     * in their order, in one batched statement (one round trip instead of one per event): for a
     * change that fans out into many events. The same rules apply (the caller's transaction, the
     * aggregates locked, an envelope larger than the log takes refused with {@link EventTooLargeException}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<EventEnvelope> appendAll(Topic topic, String aggregateType, String tenant, List<Keyed> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<EventEnvelope> envelopes = tracing.inSpan(
                "outbox append",
                null,
                Map.of("topic", topic.name(), "event.count", String.valueOf(events.size())),
                () -> {
                    List<EventEnvelope> appended = new ArrayList<>(events.size());
                    UUID[] ids = new UUID[events.size()];
                    String[] keys = new String[events.size()];
                    String[] encoded = new String[events.size()];
                    for (int i = 0; i < events.size(); i++) {
                        Keyed keyed = events.get(i);
                        EventEnvelope envelope =
                                this.events.envelopeToEncode(aggregateType, keyed.aggregateId(), tenant, keyed.event());
                        appended.add(envelope);
                        ids[i] = envelope.id();
                        keys[i] = envelope.key();
                        encoded[i] = encodeWithinLimit(envelope, keyed.event().eventType(), keyed.aggregateId());
                    }
                    // positions are taken in the arrays' order
                    jdbc.sql("insert into event_outbox (event_id, topic, message_key, envelope)"
                                    + " select e, ?, k, v from unnest(?, ?, ?) with ordinality as t(e, k, v, n)"
                                    + " order by n")
                            .params(topic.name(), ids, keys, encoded)
                            .update();
                    return appended;
                });
        wakeRelayAfterCommit();
        return envelopes;
    }

    /**
     * Appends a tombstone for {@code key} to a compacted state topic: the relay sends a record with a null value
     * and no headers, and compaction then drops every earlier message of the key (a reader from the beginning no
     * longer sees it). Must run inside the transaction that deleted the state, like {@link #append}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendTombstone(Topic topic, String key) {
        if (topic.cleanupPolicy() != Topic.CleanupPolicy.COMPACT) {
            throw new IllegalArgumentException("a tombstone belongs on a compacted topic, not on " + topic.name());
        }
        jdbc.sql("insert into event_outbox (event_id, topic, message_key, envelope) values (?, ?, ?, null)")
                .params(UUID.randomUUID(), topic.name(), key)
                .update();
        wakeRelayAfterCommit();
    }

    /** The envelope's JSON, refused with {@link EventTooLargeException} when larger than the log takes. */
    private String encodeWithinLimit(EventEnvelope envelope, String eventType, String aggregateId) {
        String encoded = codec.encode(envelope);
        int size = encoded.length() > maxEventBytes / 3 ? utf8Length(encoded) : encoded.length();
        if (size > maxEventBytes) {
            throw new EventTooLargeException(eventType, aggregateId, size, maxEventBytes);
        }
        return encoded;
    }

    /** UTF-8 bytes of {@code text} without encoding it (a short text cannot be too large: at most 3 bytes a char). */
    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void wakeRelayAfterCommit() {
        if (relay != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
