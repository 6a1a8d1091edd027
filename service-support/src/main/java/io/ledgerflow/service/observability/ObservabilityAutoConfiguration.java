package io.ledgerflow.service.observability;

import io.ledgerflow.eventlog.inbox.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The metrics an operator of the suite asks for first (on the management port's
 * {@code /actuator/prometheus}): outbox backlog and age, consumer lag per group and topic, inbox
 * duplicates skipped. Spans come from Micrometer Tracing (and event-log's own for outbox, relay and
 * inbox); the services add theirs (recalculation, propagation, frame commits) in their
 * {@code observability} packages.
 */
@AutoConfiguration(
        afterName = {
            "io.ledgerflow.eventlog.EventLogAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"
        })
@ConditionalOnBean(MeterRegistry.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(Inbox.class)
    OutboxMetrics outboxMetrics(JdbcClient jdbc) {
        return new OutboxMetrics(jdbc);
    }

    /** Counts {@code ledgerflow.inbox.duplicates{consumer}}: redeliveries the inbox skipped. */
    @Bean
    @ConditionalOnBean(Inbox.class)
    SmartInitializingSingleton inboxDuplicateMetrics(Inbox inbox, MeterRegistry registry) {
        return () -> inbox.setDuplicateListener(consumer -> Counter.builder("ledgerflow.inbox.duplicates")
                .description("Redelivered events the inbox skipped (already applied)")
                .tag("consumer", consumer)
                .register(registry)
                .increment());
    }

    /** problem+json carries the request's trace id (none without a tracer: Micrometer Tracing is always on here). */
    @Bean
    @ConditionalOnBean(Tracer.class)
    ProblemTraceId problemTraceId(Tracer tracer) {
        return new ProblemTraceId(tracer);
    }

    /** Introspection, on the management port only (its endpoints are exposed there and nowhere else). */
    @Bean
    HeapHistogramEndpoint heapHistogramEndpoint() {
        return new HeapHistogramEndpoint();
    }

    @Bean(destroyMethod = "close")
    FlightRecorderEndpoint flightRecorderEndpoint() {
        return new FlightRecorderEndpoint();
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnProperty(name = "ledgerflow.observability.consumer-lag.enabled", matchIfMissing = true)
    ConsumerLag consumerLag(ObjectProvider<KafkaAdmin> kafkaAdmin, Environment environment, MeterRegistry registry) {
        Duration interval = environment.getProperty(
                "ledgerflow.observability.consumer-lag.interval", Duration.class, Duration.ofSeconds(15));
        return new ConsumerLag(
                () -> Admin.create(kafkaAdmin.getObject().getConfigurationProperties()),
                environment.getRequiredProperty("spring.application.name"),
                interval,
                registry);
    }
}
