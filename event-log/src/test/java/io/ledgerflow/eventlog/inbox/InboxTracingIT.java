package io.ledgerflow.eventlog.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.eventlog.trace.EventTracing;
import io.ledgerflow.eventlog.trace.SpanSink;
import io.ledgerflow.testsupport.IntegrationTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each event a consumer applies is a span in its producer's trace, in batch mode too: there the binder's
 * observation spans the whole poll and is in no event's trace, so the inbox continues each record's
 * {@code traceparent} header (else the envelope's), and what the effect observes hangs below it. On a real
 * OpenTelemetry SDK with Micrometer's tracing handlers, as a service has them.
 */
@IntegrationTest
class InboxTracingIT {

    private final List<SpanData> finished = new CopyOnWriteArrayList<>();
    private SdkTracerProvider provider;
    private OtelTracer tracer;
    private ObservationRegistry observations;
    private EventTracing tracing;
    private Inbox inbox;
    private EventFactory events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EnvelopeCodec codec;

    @BeforeEach
    void aServicesTracing() {
        provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanSink(finished::addAll)))
                .build();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        io.opentelemetry.api.trace.Tracer delegate = otel.getTracer("test");
        tracer = new OtelTracer(delegate, new OtelCurrentTraceContext(), event -> {});
        OtelPropagator propagator = new OtelPropagator(otel.getPropagators(), delegate);
        observations = ObservationRegistry.create();
        observations
                .observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        tracing = new EventTracing(tracer, propagator, observations);
        inbox = new Inbox(jdbc, transactions, codec);
        inbox.setTracing(tracing);
        events = new EventFactory("producer", codec, Clock.systemUTC(), tracing);
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aBatchConsumerContinuesEachRecordsTraceAndTheEffectsObservationsHangBelowIt() {
        String consumer = "traced-batch-" + UUID.randomUUID();
        EventEnvelope first = produced("first");
        EventEnvelope second = produced("second");
        String firstHeader = "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"; // the relay's send span
        Message<List<byte[]>> poll = MessageBuilder.withPayload(List.of(bytes(first), bytes(second)))
                .setHeader(
                        KafkaHeaders.BATCH_CONVERTED_HEADERS,
                        List.of(
                                Map.of(EventTracing.TRACEPARENT, firstHeader.getBytes(StandardCharsets.UTF_8)),
                                Map.of()))
                .build();

        // the binder's observation of the poll: a trace of its own
        Observation.createNotStarted("poll", observations)
                .observe(() -> inbox.batchConsumer(consumer, event -> {
                            Observation.createNotStarted("propagate", observations)
                                    .observe(() -> tracing.inSpan("outbox append", null, Map.of(), () -> null));
                        })
                        .accept(poll));

        SpanData firstInbox = span("inbox " + consumer, "1".repeat(32));
        assertThat(firstInbox.getParentSpanId()).isEqualTo("2".repeat(16));
        assertThat(firstInbox.getKind()).isEqualTo(SpanKind.CONSUMER);
        SpanData propagate = childOf(firstInbox, "propagate");
        childOf(propagate, "outbox append");

        // no header: the envelope's traceparent (the producer's span when it appended)
        String envelopeTrace = second.traceparent().split("-")[1];
        SpanData secondInbox = span("inbox " + consumer, envelopeTrace);
        assertThat(secondInbox.getParentSpanId()).isEqualTo(second.traceparent().split("-")[2]);
        childOf(secondInbox, "propagate");
    }

    @Test
    void aRecordConsumerContinuesTheRecordsHeader() {
        String consumer = "traced-record-" + UUID.randomUUID();
        String header = "00-" + "3".repeat(32) + "-" + "4".repeat(16) + "-01";
        Message<byte[]> record = MessageBuilder.withPayload(bytes(produced("record")))
                .setHeader(EventTracing.TRACEPARENT, header.getBytes(StandardCharsets.UTF_8))
                .build();

        Observation.createNotStarted("receive", observations)
                .observe(() -> inbox.consumer(consumer, event -> {}).accept(record));

        assertThat(span("inbox " + consumer, "3".repeat(32)).getParentSpanId()).isEqualTo("4".repeat(16));
    }

    private EventEnvelope produced(String account) {
        Span request = tracer.nextSpan().name("request").start();
        try (var scope = tracer.withSpan(request)) {
            return events.envelope("account", account, "workspace-1", new AmountPosted(account, 1, 1));
        } finally {
            request.end();
        }
    }

    private byte[] bytes(EventEnvelope event) {
        return codec.encode(event).getBytes(StandardCharsets.UTF_8);
    }

    private SpanData span(String name, String traceId) {
        return finished.stream()
                .filter(s -> s.getName().equals(name) && s.getTraceId().equals(traceId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in trace " + traceId + ": " + finished));
    }

    private SpanData childOf(SpanData parent, String name) {
        return finished.stream()
                .filter(s -> s.getName().equals(name) && s.getParentSpanId().equals(parent.getSpanId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " below " + parent + ": " + finished));
    }
}
