package io.ledgerflow.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    record CellChanged(String cell, double value) implements DomainEvent {}

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
    void somethingThatIsNotAnEnvelopeDecodesToEmpty() {
        assertThat(codec.decode("{\"hello\":1}")).isEmpty();
        assertThat(codec.decode("not json")).isEmpty();
    }
}
