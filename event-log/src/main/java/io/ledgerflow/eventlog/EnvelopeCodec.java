package io.ledgerflow.eventlog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

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

    /**
     * The envelope's fields without its payload ({@link MissingNode} in its place), for a reader of the headers
     * only (the outbox relay): the payload is skipped, not decoded, and when it is the last field (as
     * {@link #encode} writes it) not even read, so text after it is not checked. Falls back to {@link #decode}
     * when a field is not in the form {@link #encode} writes.
     */
    public Optional<EventEnvelope> decodeHeaders(String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Headers headers = new Headers();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals("payload")) {
                    if (headers.complete()) {
                        break;
                    }
                    parser.skipChildren();
                } else if (!headers.read(name, value, parser)) {
                    return decode(json);
                }
            }
            return Optional.of(headers.envelope());
        } catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return decode(json);
        }
    }

    /** The fields {@link #decodeHeaders} collects. */
    private static final class Headers {
        private UUID id;
        private String type;
        private int version;
        private String source;
        private String aggregateType;
        private String aggregateId;
        private String tenant;
        private Instant time;
        private UUID causationId;
        private UUID correlationId;
        private String traceparent;
        private int seen;

        /** Reads one field; false when its value is not a string, a null or (for the version) an int. */
        boolean read(String name, JsonToken token, JsonParser parser) {
            if (token == JsonToken.VALUE_NUMBER_INT && name.equals("version")) {
                version = parser.getIntValue();
                seen++;
                return true;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                return true; // a field added later
            }
            if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
                return !isKnown(name);
            }
            String text = token == JsonToken.VALUE_NULL ? null : parser.getString();
            switch (name) {
                case "id" -> id = uuid(text);
                case "type" -> type = text;
                case "source" -> source = text;
                case "aggregateType" -> aggregateType = text;
                case "aggregateId" -> aggregateId = text;
                case "tenant" -> tenant = text;
                case "time" -> time = text == null ? null : Instant.parse(text);
                case "causationId" -> causationId = uuid(text);
                case "correlationId" -> correlationId = uuid(text);
                case "traceparent" -> traceparent = text;
                default -> {
                    return true;
                }
            }
            seen++;
            return true;
        }

        boolean complete() {
            return seen == 11;
        }

        EventEnvelope envelope() {
            return new EventEnvelope(
                    id,
                    type,
                    version,
                    source,
                    aggregateType,
                    aggregateId,
                    tenant,
                    time,
                    causationId,
                    correlationId,
                    traceparent,
                    MissingNode.getInstance());
        }

        private static boolean isKnown(String name) {
            return switch (name) {
                case "id",
                        "type",
                        "version",
                        "source",
                        "aggregateType",
                        "aggregateId",
                        "tenant",
                        "time",
                        "causationId",
                        "correlationId",
                        "traceparent" -> true;
                default -> false;
            };
        }

        private static UUID uuid(String text) {
            return text == null ? null : UUID.fromString(text);
        }
    }

    /** Maps an event's payload to a consumer's own record of the fields it needs. */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        return mapper.treeToValue(envelope.payload(), type);
    }

    public JsonNode toTree(Object event) {
        return mapper.valueToTree(event);
    }

    /**
     * The event itself as a payload node: {@link #encode} writes it with the same serializers as {@link #toTree}
     * would, in one pass instead of building a tree first. Its tree methods see no fields (it is a POJO node).
     */
    public JsonNode toPojoNode(Object event) {
        return mapper.getNodeFactory().pojoNode(event);
    }
}
