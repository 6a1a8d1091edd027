package io.ledgerflow.eventlog;

import io.ledgerflow.eventlog.trace.EventTracing;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Wraps a domain event in its envelope, filling ids, time, causation and trace from the context. */
public final class EventFactory {

    private final String source;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final EventTracing tracing;

    public EventFactory(String source, EnvelopeCodec codec, Clock clock) {
        this(source, codec, clock, EventTracing.NONE);
    }

    public EventFactory(String source, EnvelopeCodec codec, Clock clock, EventTracing tracing) {
        this.source = source;
        this.codec = codec;
        this.clock = clock;
        this.tracing = tracing;
    }

    public EventEnvelope envelope(String aggregateType, String aggregateId, String tenant, DomainEvent event) {
        return envelope(aggregateType, aggregateId, tenant, event, codec.toTree(event));
    }

    /**
     * The same envelope with the event itself as its payload ({@link EnvelopeCodec#toPojoNode}): for a writer that
     * only encodes it (the outbox), which then serializes the event once instead of to a tree and then to text.
     */
    public EventEnvelope envelopeToEncode(String aggregateType, String aggregateId, String tenant, DomainEvent event) {
        return envelope(aggregateType, aggregateId, tenant, event, codec.toPojoNode(event));
    }

    private EventEnvelope envelope(
            String aggregateType, String aggregateId, String tenant, DomainEvent event, JsonNode payload) {
        UUID id = UUID.randomUUID();
        return new EventEnvelope(
                id,
                event.eventType(),
                event.schemaVersion(),
                source,
                aggregateType,
                aggregateId,
                tenant,
                clock.instant(),
                EventContext.causationId(),
                EventContext.correlationId(id),
                traceparent(),
                payload);
    }

    /** The current span's context when tracing is on (so the trace continues from here), else the cause's. */
    private String traceparent() {
        String current = tracing.currentTraceparent();
        return current != null ? current : EventContext.traceparent();
    }
}
