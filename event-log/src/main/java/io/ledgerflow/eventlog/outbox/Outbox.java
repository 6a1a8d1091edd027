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

    private final JdbcClient jdbc;
    private final EventFactory events;
    private final EnvelopeCodec codec;
    private final OutboxRelay relay;
    private final EventTracing tracing;

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

    /**
     * Appends an event of the aggregate to the outbox. Must run inside the transaction that changes
     * the aggregate, and that transaction must lock the aggregate (an update of its row does), so
     * that events of one aggregate take outbox positions in commit order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope append(
            Topic topic, String aggregateType, String aggregateId, String tenant, DomainEvent event) {
        EventEnvelope envelope = tracing.inSpan(
                "outbox append", null, Map.of("topic", topic.name(), "event.type", event.eventType()), () -> {
                    EventEnvelope appended = events.envelope(aggregateType, aggregateId, tenant, event);
                    jdbc.sql("insert into event_outbox (event_id, topic, message_key, envelope) values (?, ?, ?, ?)")
                            .params(appended.id(), topic.name(), appended.key(), codec.encode(appended))
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
     * aggregates locked).
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
                                this.events.envelope(aggregateType, keyed.aggregateId(), tenant, keyed.event());
                        appended.add(envelope);
                        ids[i] = envelope.id();
                        keys[i] = envelope.key();
                        encoded[i] = codec.encode(envelope);
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
