package io.ledgerflow.calculation.linkedvalue.messaging;

import io.ledgerflow.calculation.linkedvalue.SourceValues;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes linking's SourceValuesRequested off its link events, each answered once (inbox). */
@Component
class SourceValuesRequestListener {

    static final String CONSUMER = "calculation-link-events";

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final SourceValues sourceValues;

    SourceValuesRequestListener(Inbox inbox, EnvelopeCodec codec, SourceValues sourceValues) {
        this.inbox = inbox;
        this.codec = codec;
        this.sourceValues = sourceValues;
    }

    @KafkaListener(topics = "#{T(io.ledgerflow.eventlog.topic.Topics.Linking).LINK_EVENTS.name()}")
    void on(String message) {
        inbox.receive(CONSUMER, message, event -> {
            if (event.type().equals("SourceValuesRequested")) {
                sourceValues.report(event.tenant(), codec.payload(event, SourceValues.SourceValuesRequested.class));
            }
        });
    }
}
