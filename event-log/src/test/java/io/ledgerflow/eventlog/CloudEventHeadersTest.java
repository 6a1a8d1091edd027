package io.ledgerflow.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.testapp.AmountPosted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EventFactory events = new EventFactory(
            "calculation-service", codec, Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));

    @Test
    void aRelayedEventCarriesItsEnvelopeAsCloudEventsHeaders() {
        EventEnvelope event;
        EventContext.setTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ProducerRecord<String, String> record;
        try {
            event = events.envelope("account", "acc-1", "ws-1", new AmountPosted("acc-1", 5, 1));
            record = CloudEventHeaders.record("t", event.key(), codec.encode(event));
        } finally {
            EventContext.setTraceparent(null);
        }

        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", event.id().toString())
                .containsEntry("ce_type", "AmountPosted.v1")
                .containsEntry("ce_source", "/ledgerflow/calculation-service")
                .containsEntry("ce_time", "2026-01-02T03:04:05.678Z")
                .containsEntry("ce_subject", "acc-1")
                .containsEntry("ce_tenant", "ws-1")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .containsEntry("content-type", "application/json");
        assertThat(record.key()).isEqualTo("acc-1");
        assertThat(record.value()).isEqualTo(codec.encode(event));
    }

    @Test
    void textThatIsNotAnEnvelopeIsSentAsItIsWithoutHeaders() {
        assertThat(CloudEventHeaders.record("t", "k", "{oops").headers().toArray())
                .isEmpty();
    }
}
