package io.ledgerflow.eventlog.inbox;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventContext;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.trace.EventTracing;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once per consumer: the event id is recorded in the inbox table in the
 * same transaction as the effect. A redelivered event finds its id there and is skipped; a failed
 * effect rolls the record back with it, so the event is applied on redelivery.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

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

    /** The effect runs in a span: a child of the consume span, or else of the envelope's traceparent. */
    public void setTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    public void setDuplicateListener(DuplicateListener listener) {
        this.duplicates = listener;
    }

    /**
     * Decodes a message from the log and {@linkplain #process processes} it. A message that is not
     * an envelope is logged and skipped: retrying it could never succeed.
     *
     * @return the envelope when the effect ran, empty for a duplicate or an unreadable message
     */
    public Optional<EventEnvelope> receive(String consumer, String message, Consumer<EventEnvelope> effect) {
        Optional<EventEnvelope> event = codec.decode(message);
        if (event.isEmpty()) {
            log.warn("{} skipped a message that is not an event envelope", consumer);
            return Optional.empty();
        }
        return process(consumer, event.get(), effect) ? event : Optional.empty();
    }

    /**
     * Runs {@code effect} in a transaction unless {@code consumer} already processed this event.
     * Events the effect appends to the outbox carry this event as their cause.
     *
     * @return true when the effect ran, false when the event was a duplicate
     */
    public boolean process(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
        Map<String, String> tags = Map.of("consumer", consumer, "event.type", event.type());
        Boolean applied = tracing.inSpan(
                "inbox " + consumer,
                event.traceparent(),
                tags,
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

    public boolean alreadyProcessed(String consumer, UUID eventId) {
        return jdbc.sql("select count(*) from event_inbox where consumer = ? and event_id = ?")
                        .params(consumer, eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
