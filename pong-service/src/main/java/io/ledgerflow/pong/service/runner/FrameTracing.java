package io.ledgerflow.pong.service.runner;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spans of Pong frame commits, with a sampler of their own: the games of an instance commit some 30 frames a second
 * each, so a span for every one would flood the trace server. One frame commit in {@code pong.tracing.frame-sample-every}
 * (counted over every game of the instance) runs in a span {@code pong frame commit} of a trace of its own (tags
 * {@code game}, {@code outcome}), which the tracer's sampling ({@code TRACING_SAMPLING_PROBABILITY}) then keeps or
 * not like any new trace; the three-phase commit's and the log append's spans, if any, are below it. 0: no frame
 * spans.
 */
@Component
public class FrameTracing {

    static final String SPAN = "pong frame commit";

    private final Tracer tracer;
    private final long every;
    private final AtomicLong frames = new AtomicLong();

    @Autowired
    FrameTracing(ObjectProvider<Tracer> tracer, @Value("${pong.tracing.frame-sample-every:300}") long every) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP), every);
    }

    FrameTracing(Tracer tracer, long every) {
        if (every < 0) {
            throw new IllegalArgumentException("pong.tracing.frame-sample-every must be 0 or more, was " + every);
        }
        this.tracer = tracer;
        this.every = every;
    }

    /** Runs one frame's commit, in a span when this frame is one of the sampled ones. */
    <T> T commit(UUID game, Supplier<T> frame) {
        if (every == 0 || tracer == Tracer.NOOP || frames.incrementAndGet() % every != 0) {
            return frame.get();
        }
        Span span = tracer.spanBuilder()
                .setNoParent()
                .name(SPAN)
                .tag("game", game.toString())
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            T outcome = frame.get();
            span.tag("outcome", outcome == null ? "none" : outcome.getClass().getSimpleName());
            return outcome;
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
