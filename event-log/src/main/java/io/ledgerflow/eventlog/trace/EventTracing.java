package io.ledgerflow.eventlog.trace;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
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
    private final ObservationRegistry observations;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this(tracer, propagator, ObservationRegistry.NOOP);
    }

    /** With {@code observations}, a consumer's span is an observation (a timer too): see {@link #consume}. */
    public EventTracing(Tracer tracer, Propagator propagator, ObservationRegistry observations) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.observations = observations;
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
        return scoped(start(name, remoteParent, tags), work);
    }

    private <T> T scoped(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Runs {@code work} in a consumer span continuing {@code traceparent} (the producer's), whatever span is
     * current: a batch consumer runs inside the binder's span of the whole poll, which is in no event's trace. The
     * span is an observation ({@code ledgerflow.inbox}, named {@code name}) so that it is the parent of the
     * observations {@code work} starts, not the poll's; a plain span where there is no observation registry.
     */
    public <T> T consume(String name, String traceparent, Map<String, String> tags, Supplier<T> work) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
        if (!observations.isNoop()) {
            ReceiverContext<Map<String, String>> context =
                    new ReceiverContext<>((headers, key) -> headers.get(key), Kind.CONSUMER);
            context.setCarrier(carrier);
            Observation observation = Observation.createNotStarted("ledgerflow.inbox", () -> context, observations)
                    .contextualName(name);
            tags.forEach(observation::lowCardinalityKeyValue);
            return observation.observe(work);
        }
        Span.Builder builder = propagator
                .extract(carrier, (headers, key) -> headers.get(key))
                .kind(Span.Kind.CONSUMER)
                .name(name);
        tags.forEach(builder::tag);
        return scoped(builder.start(), work);
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
