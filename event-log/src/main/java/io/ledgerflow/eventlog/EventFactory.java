package io.ledgerflow.eventlog;

import java.time.Clock;
import java.util.UUID;

/** Wraps a domain event in its envelope, filling ids, time, causation and trace from the context. */
public final class EventFactory {

    private final String source;
    private final EnvelopeCodec codec;
    private final Clock clock;

    public EventFactory(String source, EnvelopeCodec codec, Clock clock) {
        this.source = source;
        this.codec = codec;
        this.clock = clock;
    }

    public EventEnvelope envelope(String aggregateType, String aggregateId, String tenant, DomainEvent event) {
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
                EventContext.traceparent(),
                codec.toTree(event));
    }
}
