package io.ledgerflow.pong.service.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One frame commit in N gets a span of its own trace; the others none; 0 turns frame spans off. */
class FrameTracingTest {

    private final List<SpanData> finished = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(collecting()))
            .build();
    private final Tracer tracer = new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {});

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void oneFrameCommitInNIsASpanOfItsOwnTrace() {
        FrameTracing frames = new FrameTracing(tracer, 5);
        UUID game = UUID.randomUUID();
        io.micrometer.tracing.Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) { // a span current on the thread: not the parent
            for (int i = 0; i < 23; i++) {
                assertThat(frames.commit(game, () -> "committed")).isEqualTo("committed");
            }
        } finally {
            request.end();
        }

        List<SpanData> frameSpans = finished.stream()
                .filter(s -> s.getName().equals(FrameTracing.SPAN))
                .toList();
        assertThat(frameSpans).hasSize(4); // frames 5, 10, 15, 20
        assertThat(frameSpans).allSatisfy(span -> {
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(span.getAttributes().asMap().toString()).contains("game=" + game, "outcome=String");
        });
        assertThat(frameSpans).extracting(SpanData::getTraceId).doesNotHaveDuplicates();
    }

    @Test
    void aFailingFrameEndsItsSpanWithTheError() {
        FrameTracing frames = new FrameTracing(tracer, 1);
        assertThatThrownBy(() -> frames.commit(UUID.randomUUID(), () -> {
                    throw new IllegalStateException("shard lost");
                }))
                .hasMessage("shard lost");
        assertThat(finished)
                .singleElement()
                .satisfies(span -> assertThat(span.getEvents().toString() + span.getStatus())
                        .contains("shard lost"));
    }

    @Test
    void zeroMeansNoFrameSpans() {
        FrameTracing frames = new FrameTracing(tracer, 0);
        for (int i = 0; i < 10; i++) {
            frames.commit(UUID.randomUUID(), () -> "committed");
        }
        assertThat(finished).isEmpty();
        assertThatThrownBy(() -> new FrameTracing(tracer, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private SpanExporter collecting() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                finished.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
