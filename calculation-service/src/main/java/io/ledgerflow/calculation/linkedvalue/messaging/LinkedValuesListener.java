package io.ledgerflow.calculation.linkedvalue.messaging;

import io.ledgerflow.calculation.linkedvalue.LinkedValues;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.inbox.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes LinkedValuesSet and LinkStateChanged events off the log, each applied once through the inbox. */
@Component
class LinkedValuesListener {

    static final String CONSUMER = "calculation-linked-values";

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final LinkedValues linkedValues;

    LinkedValuesListener(Inbox inbox, EnvelopeCodec codec, LinkedValues linkedValues) {
        this.inbox = inbox;
        this.codec = codec;
        this.linkedValues = linkedValues;
    }

    @KafkaListener(topics = "#{T(io.ledgerflow.eventlog.topic.Topics.Linking).LINKED_VALUES.name()}")
    void on(String message) {
        inbox.receive(CONSUMER, message, event -> {
            if (event.type().equals("LinkedValuesSet")) {
                linkedValues.apply(event.tenant(), codec.payload(event, LinkedValues.LinkedValuesSet.class));
            } else if (event.type().equals("LinkStateChanged")) {
                linkedValues.stateChanged(event.tenant(), codec.payload(event, LinkedValues.LinkStateChanged.class));
            }
        });
    }
}
