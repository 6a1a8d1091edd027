package io.ledgerflow.eventlog;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What travels on the log: an immutable event and the facts needed to route, order, deduplicate
 * and trace it. The Kafka message key is {@link #aggregateId()}, so order holds per aggregate.
 *
 * @param id unique event id; consumers deduplicate on it
 * @param type past-tense event name, e.g. {@code WorkbookCreated}
 * @param version schema version of {@code payload} for this type
 * @param source producing service, e.g. {@code calculation-service}
 * @param aggregateType e.g. {@code workbook}
 * @param aggregateId the aggregate the event belongs to; also the message key
 * @param tenant the workspace the aggregate belongs to
 * @param time when the event was recorded (the state change's transaction)
 * @param causationId the event that caused this one, or null when a user request did
 * @param correlationId the id shared by every event of one causal chain
 * @param traceparent W3C trace context of the request or event that caused it
 * @param payload the event's own fields, read tolerantly by consumers
 */
public record EventEnvelope(
        UUID id,
        String type,
        int version,
        String source,
        String aggregateType,
        String aggregateId,
        String tenant,
        Instant time,
        UUID causationId,
        UUID correlationId,
        String traceparent,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    public String key() {
        return aggregateId;
    }
}
