package io.ledgerflow.eventlog.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A simple harness (not JMH): the CPU cost of the spans one event costs on its way through the log — outbox append,
 * relay send with its Kafka header, inbox effect on the consumer side — on the real OpenTelemetry SDK (batch
 * processor, an exporter that drops the batches), at sampling 0 (off), 0.1 (the default) and 1.0, against
 * EventTracing.NONE. Run with {@code -Dbench=true -Dtest=TracingOverheadBenchmark}; docs/benchmarks.md has figures.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TracingOverheadBenchmark {

    private static final int WARMUP = 200_000;
    private static final int MEASURED = 1_000_000;

    @Test
    void spansPerEventCostMicroseconds() {
        System.out.printf("%-22s %10s%n", "tracing", "ns/event");
        double none = measure("none (EventTracing.NONE)", EventTracing.NONE);
        for (double probability : new double[] {0.0, 0.1, 1.0}) {
            AtomicLong exported = new AtomicLong();
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(probability)))
                    .addSpanProcessor(
                            BatchSpanProcessor.builder(dropping(exported)).build())
                    .build();
            OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                    .setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
            io.opentelemetry.api.trace.Tracer delegate = otel.getTracer("benchmark");
            OtelTracer tracer = new OtelTracer(delegate, new OtelCurrentTraceContext(), event -> {});
            EventTracing tracing = new EventTracing(tracer, new OtelPropagator(otel.getPropagators(), delegate));
            double cost = measure("sampling " + probability, tracing);
            provider.shutdown();
            assertThat(cost).isGreaterThan(none);
        }
    }

    private static double measure(String label, EventTracing tracing) {
        run(tracing, WARMUP);
        long start = System.nanoTime();
        long sink = run(tracing, MEASURED);
        double perEvent = (System.nanoTime() - start) / (double) MEASURED;
        System.out.printf("%-22s %10.0f   (%d)%n", label, perEvent, sink % 2);
        return perEvent;
    }

    /** One event's spans: appended in a request's span, relayed with its header, applied by a consumer. */
    private static long run(EventTracing tracing, int events) {
        long sink = 0;
        for (int i = 0; i < events; i++) {
            String traceparent = tracing.inSpan(
                    "http",
                    null,
                    Map.of(),
                    () -> tracing.inSpan("outbox append", null, Map.of("topic", "t"), tracing::currentTraceparent));
            Span send = tracing.start("outbox relay send", traceparent, Map.of("topic", "t"));
            RecordHeaders headers = new RecordHeaders();
            tracing.inject(send, headers);
            send.end();
            sink += tracing.inSpan("inbox c", traceparent, Map.of("consumer", "c"), () -> headers.toArray().length);
        }
        return sink;
    }

    private static SpanExporter dropping(AtomicLong exported) {
        return new SpanSink(spans -> exported.addAndGet(spans.size()));
    }
}
