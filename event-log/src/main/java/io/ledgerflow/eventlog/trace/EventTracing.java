package io.ledgerflow.eventlog.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;

/**
 * Spans of the event log (outbox append, relay send, inbox effect) and the W3C {@code traceparent}
 * they hand on: in the envelope, and in the Kafka record's headers so a consumer continues the
 * producer's trace. Without a tracer (tests, tracing off) every method is a cheap no-op.
 */
public final class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span as a W3C traceparent, or null when no span is in scope. */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        return traceparent(span.context());
    }

    /**
     * Runs {@code work} in a span named {@code name}: a child of the current span, or else of
     * {@code remoteParent} (a traceparent from an envelope), or else a new trace.
     */
    public <T> T inSpan(String name, String remoteParent, Map<String, String> tags, Supplier<T> work) {
        Span span = start(name, remoteParent, tags);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Starts (but does not scope) a span, as {@link #inSpan}; the caller ends it. */
    public Span start(String name, String remoteParent, Map<String, String> tags) {
        Span span;
        if (tracer.currentSpan() != null || remoteParent == null) {
            span = tracer.nextSpan();
        } else {
            span = propagator
                    .extract(Map.of(TRACEPARENT, remoteParent), (carrier, key) -> carrier.get(key))
                    .start();
        }
        span.name(name);
        tags.forEach(span::tag);
        return span.start();
    }

    /** Writes {@code span}'s context into a Kafka record's headers (replacing any traceparent there). */
    public void inject(Span span, Headers headers) {
        if (span.isNoop()) {
            return;
        }
        propagator.inject(span.context(), headers, (carrier, key, value) -> {
            if (carrier != null) {
                carrier.remove(key);
                carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    static String traceparent(TraceContext context) {
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }
}
