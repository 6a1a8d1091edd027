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
 * {@code linkedValuesConsumer} (batch mode): LinkedValuesSet (v2, one revision per event;
 * v1, still in the log, as before) and LinkStateChanged (v2, the states of several links into one
 * workbook, each applied as v1 is; v1 as before), a poll's events in one transaction.
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
                only("SourceValuesRequested", 1, SourceValues.SourceValuesRequested.class, sourceValues::report));
    }

    @Bean
    Consumer<Message<List<byte[]>>> linkedValuesConsumer(LinkedValues linkedValues) {
        return inbox.batchConsumer(
                LINKED_VALUES_CONSUMER,
                only("LinkedValuesSet", 1, LinkedValues.LinkedValuesSetV1.class, linkedValues::applyV1)
                        .andThen(event -> {
                            if (event.type().equals("LinkedValuesSet") && event.version() == 2) {
                                linkedValues.apply(
                                        event.tenant(),
                                        event.id(),
                                        codec.payload(event, LinkedValues.LinkedValuesSet.class));
                            }
                        })
                        .andThen(only(
                                "LinkStateChanged", 1, LinkedValues.LinkStateChanged.class, linkedValues::stateChanged))
                        .andThen(only(
                                "LinkStateChanged",
                                2,
                                LinkedValues.LinkStatesChanged.class,
                                (tenant, states) ->
                                        states.each().forEach(state -> linkedValues.stateChanged(tenant, state)))));
    }

    /**
     * The effect for one event type and version: its payload read as {@code payload}, with the
     * event's tenant; others ignored.
     */
    private <T> Consumer<EventEnvelope> only(String type, int version, Class<T> payload, BiConsumer<String, T> effect) {
        return event -> {
            if (event.type().equals(type) && event.version() == version) {
                effect.accept(event.tenant(), codec.payload(event, payload));
            }
        };
    }
}
