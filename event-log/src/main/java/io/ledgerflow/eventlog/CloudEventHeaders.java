package io.ledgerflow.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The envelope's facts as Kafka headers, named after the CloudEvents Kafka protocol binding (binary
 * content mode) so that routers, filters and tracing can read them without parsing the value:
 *
 * <table>
 *   <caption>envelope field → header</caption>
 *   <tr><td>{@code id}</td><td>{@code ce_id}</td></tr>
 *   <tr><td>{@code type}, {@code version}</td><td>{@code ce_type} = {@code <type>.v<version>} (a new version is a new type)</td></tr>
 *   <tr><td>{@code source}</td><td>{@code ce_source} = {@code /ledgerflow/<service>}</td></tr>
 *   <tr><td>{@code time}</td><td>{@code ce_time} (RFC 3339)</td></tr>
 *   <tr><td>{@code aggregateId}</td><td>{@code ce_subject} (also the message key)</td></tr>
 *   <tr><td>{@code tenant}, {@code correlationId}, {@code causationId}</td><td>extensions {@code ce_tenant}, {@code ce_correlationid}, {@code ce_causationid}</td></tr>
 *   <tr><td>{@code traceparent}</td><td>{@code traceparent} (W3C trace context, as tracing reads it)</td></tr>
 * </table>
 *
 * <p>plus {@code ce_specversion: 1.0} and {@code content-type: application/json}. The value stays the
 * whole Ledgerflow envelope (so consumers need nothing but the value); the headers repeat it.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "1.0";

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private CloudEventHeaders() {}

    /** {@code ce_type} of an envelope: its type and schema version. */
    public static String type(EventEnvelope envelope) {
        return envelope.type() + ".v" + envelope.version();
    }

    public static Headers of(EventEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, "ce_specversion", SPEC_VERSION);
        put(headers, "ce_id", envelope.id().toString());
        put(headers, "ce_type", type(envelope));
        put(headers, "ce_source", "/ledgerflow/" + envelope.source());
        put(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(envelope.time()));
        put(headers, "ce_subject", envelope.aggregateId());
        put(headers, "ce_tenant", envelope.tenant());
        put(headers, "ce_correlationid", envelope.correlationId().toString());
        if (envelope.causationId() != null) {
            put(headers, "ce_causationid", envelope.causationId().toString());
        }
        if (envelope.traceparent() != null) {
            put(headers, "traceparent", envelope.traceparent());
        }
        put(headers, "content-type", "application/json");
        return headers;
    }

    /**
     * The Kafka record of an outbox row: {@code envelope} (JSON) under {@code key}, with the headers above
     * (none when the text is not an envelope: it is sent as it is).
     */
    public static ProducerRecord<String, String> record(String topic, String key, String envelope) {
        return record(topic, key, envelope, CODEC.decode(envelope).orElse(null));
    }

    /**
     * The same with the envelope already decoded from {@code text} (the relay decodes each row once):
     * {@code decoded} null gives a record without headers, and {@code text} null a tombstone.
     */
    public static ProducerRecord<String, String> record(String topic, String key, String text, EventEnvelope decoded) {
        Headers headers = decoded == null ? new RecordHeaders() : of(decoded);
        return new ProducerRecord<>(topic, null, key, text, headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
