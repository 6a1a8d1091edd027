package io.ledgerflow.calculation.linkedvalue.messaging;

import io.ledgerflow.calculation.linkedvalue.LinkedValues;
import io.ledgerflow.calculation.linkedvalue.SourceValues;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Takes linking's events off the log, each applied once through the inbox: Spring Cloud Stream
 * consumers bound in application.yml. {@code linkEventsConsumer}: SourceValuesRequested, answered once each;
 * {@code linkedValuesConsumer} (batch mode): LinkedValuesSet and LinkStateChanged, a poll's events in one
 * transaction.
 */
@Configuration(proxyBeanMethods = false)
class LinkingEventsConsumers {

    static final String LINK_EVENTS_CONSUMER = "calculation-link-events";
    static final String LINKED_VALUES_CONSUMER = "calculation-linked-values";

    private final Inbox inbox;
    private final EnvelopeCodec codec;

    LinkingEventsConsumers(Inbox inbox, EnvelopeCodec codec) {
        this.inbox = inbox;
        this.codec = codec;
    }

    @Bean
    Consumer<Message<byte[]>> linkEventsConsumer(SourceValues sourceValues) {
        return inbox.consumer(
                LINK_EVENTS_CONSUMER,
                only("SourceValuesRequested", SourceValues.SourceValuesRequested.class, sourceValues::report));
    }

    @Bean
    Consumer<Message<List<byte[]>>> linkedValuesConsumer(LinkedValues linkedValues) {
        return inbox.batchConsumer(
                LINKED_VALUES_CONSUMER,
                only("LinkedValuesSet", LinkedValues.LinkedValuesSet.class, linkedValues::apply)
                        .andThen(only(
                                "LinkStateChanged", LinkedValues.LinkStateChanged.class, linkedValues::stateChanged)));
    }

    /** The effect for one event type: its payload read as {@code payload}, with the event's tenant; others ignored. */
    private <T> Consumer<EventEnvelope> only(String type, Class<T> payload, BiConsumer<String, T> effect) {
        return event -> {
            if (event.type().equals(type)) {
                effect.accept(event.tenant(), codec.payload(event, payload));
            }
        };
    }
}
