package io.ledgerflow.eventlog.deadletter;

import io.ledgerflow.eventlog.inbox.UndecodableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One error handling for every consumer binding, record or batch: a failing effect is retried with the
 * binding's back-off ({@code max-attempts}, {@code back-off-*}), a message that is not an envelope is not
 * retried at all, and then the record goes to the binding's dead-letter topic ({@code dlq-name}) with
 * its original key, value and headers plus spring-kafka's {@code kafka_dlt-*} headers (original topic,
 * partition, offset, consumer group, exception class and message: the reason). Each dead letter counts
 * in {@value #METRIC} (tags: {@code group}, {@code topic}, {@code exception}).
 *
 * <p>The binder's own record-mode retry and DLQ are switched off ({@link #retryAndDlqInBinding}) so batch
 * and record bindings behave alike; in batch mode {@code BatchListenerFailedException} names the failed
 * record, the offsets before it are committed, and only that record is retried and dead-lettered.
 */
public class DeadLetterHandling implements ListenerContainerWithDlqAndRetryCustomizer {

    public static final String METRIC = "ledgerflow.events.dead.lettered";

    private final KafkaOperations<byte[], byte[]> kafka;
    private final MeterRegistry meters;

    public DeadLetterHandling(KafkaOperations<byte[], byte[]> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destination,
            String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            BackOff backOff) {
        configure(container, destination, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destination,
            String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (dlqDestinationResolver == null) {
            return; // no dead-letter topic for this binding (enable-dlq false): the binder's defaults
        }
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka, dlqDestinationResolver);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    Throwable reason = reason(exception);
                    Counter.builder(METRIC)
                            .description("events sent to a dead-letter topic")
                            .tag("group", group)
                            .tag("topic", record.topic())
                            .tag("exception", reason.getClass().getSimpleName())
                            .register(meters)
                            .increment();
                    publisher.accept(record, reason instanceof Exception e ? e : exception);
                },
                backOff == null ? new FixedBackOff(0, 0) : backOff);
        handler.addNotRetryableExceptions(UndecodableEventException.class);
        container.setCommonErrorHandler(handler);
    }

    /** The exception that says why: the innermost cause, past the listener's and the binder's wrappers. */
    static Throwable reason(Throwable exception) {
        return NestedExceptionUtils.getMostSpecificCause(exception);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }
}
