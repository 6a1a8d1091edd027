package io.ledgerflow.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    record CellChanged(String cell, double value) implements DomainEvent {}

    record CellsChanged(List<Change> changes, Instant at, BigDecimal total, Map<String, Object> extra)
            implements DomainEvent {}

    record Change(String cell, Object oldValue, Object newValue) {}

    /** A consumer's own, narrower view of the same event. */
    record CellOnly(String cell) {}

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EventFactory events = new EventFactory(
            "calculation-service", codec, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEnvelopeSurvivesTheWire() {
        EventEnvelope sent = events.envelope("workbook", "wb-1", "acme", new CellChanged("A1", 2.5));

        EventEnvelope received = codec.decode(codec.encode(sent)).orElseThrow();

        assertThat(received).isEqualTo(sent);
        assertThat(received.type()).isEqualTo("CellChanged");
        assertThat(received.version()).isEqualTo(1);
        assertThat(received.key()).isEqualTo("wb-1");
        assertThat(received.correlationId()).isEqualTo(sent.id());
        assertThat(received.causationId()).isNull();
        assertThat(received.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void consumersReadTolerantly() {
        EventEnvelope sent = events.envelope("workbook", "wb-1", "acme", new CellChanged("B7", 1));
        String withExtraField = codec.encode(sent).replaceFirst("\\{", "{\"addedLater\":true,");

        EventEnvelope received = codec.decode(withExtraField).orElseThrow();

        assertThat(codec.payload(received, CellOnly.class)).isEqualTo(new CellOnly("B7"));
    }

    @Test
    void eventsRaisedWhileHandlingAnEventCarryItsCauseAndCorrelation() {
        EventEnvelope cause = events.envelope("workbook", "wb-1", "acme", new CellChanged("A1", 1));
        EventEnvelope[] raised = new EventEnvelope[1];

        EventContext.runCausedBy(
                cause, () -> raised[0] = events.envelope("link", "l-1", "acme", new CellChanged("C1", 1)));

        assertThat(raised[0].causationId()).isEqualTo(cause.id());
        assertThat(raised[0].correlationId()).isEqualTo(cause.correlationId());
        assertThat(raised[0].traceparent()).isEqualTo(cause.traceparent());
    }

    @Test
    void theOutboxsEnvelopeIsWrittenAsTheTreeWouldBe() {
        CellsChanged event = new CellsChanged(
                List.of(
                        new Change("A1", 1.0, 2.5),
                        new Change("B2", null, "text \u00e9\"q\""),
                        new Change("C3", true, 1e300)),
                Instant.parse("2026-12-02T15:00:00.123456Z"),
                new BigDecimal("12345678901234567890.000001"),
                Map.of("nested", List.of(1, 2L, Map.of("k", -0.0))));
        EventEnvelope asTree = events.envelope("workbook", "wb-1", "acme", event);
        EventEnvelope toEncode = events.envelopeToEncode("workbook", "wb-1", "acme", event);
        EventEnvelope sameIds = new EventEnvelope(
                asTree.id(),
                asTree.type(),
                asTree.version(),
                asTree.source(),
                asTree.aggregateType(),
                asTree.aggregateId(),
                asTree.tenant(),
                asTree.time(),
                asTree.causationId(),
                asTree.correlationId(),
                asTree.traceparent(),
                toEncode.payload());

        assertThat(codec.encode(sameIds)).isEqualTo(codec.encode(asTree));
    }

    @Test
    void theHeadersAreReadWithoutThePayload() {
        EventEnvelope[] raised = new EventEnvelope[1];
        EventContext.runCausedBy(
                events.envelope("workbook", "wb-0", "acme", new CellChanged("Z1", 0)),
                () -> raised[0] = events.envelope("workbook", "wb-1", "acme", new CellChanged("A1", 2.5)));
        EventEnvelope sent = raised[0];
        String text = codec.encode(sent);

        EventEnvelope headers = codec.decodeHeaders(text).orElseThrow();

        assertThat(headers.payload().isMissingNode()).isTrue();
        assertThat(new EventEnvelope(
                        headers.id(),
                        headers.type(),
                        headers.version(),
                        headers.source(),
                        headers.aggregateType(),
                        headers.aggregateId(),
                        headers.tenant(),
                        headers.time(),
                        headers.causationId(),
                        headers.correlationId(),
                        headers.traceparent(),
                        sent.payload()))
                .isEqualTo(sent);
        assertThat(headers.causationId()).isNotNull();
        // the payload after every other field is not read at all
        assertThat(codec.decodeHeaders(text.substring(0, text.indexOf("\"payload\"") + 12) + "[broken"))
                .isPresent();
    }

    @Test
    void headersInAnotherOrderOrFormStillDecode() {
        EventEnvelope sent = events.envelope("workbook", "wb-1", "acme", new CellChanged("A1", 2.5));
        String text = codec.encode(sent);
        String payloadFirst = "{\"payload\":{\"cell\":\"A1\",\"value\":2.5},\"later\":[1,{}],"
                + text.substring(1, text.indexOf(",\"payload\"")) + "}";
        String numericTime = text.replace(
                "\"time\":\"2026-11-22T10:00:00Z\"", "\"time\":" + sent.time().getEpochSecond());

        assertThat(codec.decodeHeaders(payloadFirst).orElseThrow().id()).isEqualTo(sent.id());
        assertThat(codec.decodeHeaders(numericTime).map(EventEnvelope::time))
                .isEqualTo(codec.decode(numericTime).map(EventEnvelope::time));
        assertThat(codec.decodeHeaders("{\"hello\":1}")).isEmpty();
        assertThat(codec.decodeHeaders("not json")).isEmpty();
        assertThat(codec.decodeHeaders("[1]")).isEmpty();
    }

    @Test
    void somethingThatIsNotAnEnvelopeDecodesToEmpty() {
        assertThat(codec.decode("{\"hello\":1}")).isEmpty();
        assertThat(codec.decode("not json")).isEmpty();
    }
}
