package io.ledgerflow.eventlog;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON form of an {@link EventEnvelope}. Reading is tolerant: unknown fields are ignored, so a
 * producer can add fields without breaking consumers.
 */
public final class EnvelopeCodec {

    private final JsonMapper mapper;

    public EnvelopeCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public String encode(EventEnvelope envelope) {
        return mapper.writeValueAsString(envelope);
    }

    /** The envelope, or empty when the text is not one (a poison message is skipped, not retried forever). */
    public Optional<EventEnvelope> decode(String json) {
        try {
            return Optional.of(mapper.readValue(json, EventEnvelope.class));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Maps an event's payload to a consumer's own record of the fields it needs. */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        return mapper.treeToValue(envelope.payload(), type);
    }

    public tools.jackson.databind.JsonNode toTree(Object event) {
        return mapper.valueToTree(event);
    }
}
