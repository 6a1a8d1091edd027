package io.ledgerflow.eventlog;

import io.ledgerflow.eventlog.deadletter.DeadLetterHandling;
import io.ledgerflow.eventlog.deadletter.DeadLetters;
import io.ledgerflow.eventlog.deadletter.DeadLettersEndpoint;
import io.ledgerflow.eventlog.inbox.Inbox;
import io.ledgerflow.eventlog.kafka.KafkaClientSettings;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.outbox.OutboxRelay;
import io.ledgerflow.eventlog.replay.Replay;
import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.eventlog.trace.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the outbox, its relay, the inbox and the suite's topics into a service. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@EnableConfigurationProperties(EventLogProperties.class)
public class EventLogAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec();
    }

    /** Spans of the outbox, relay and inbox when the service has a tracer (Micrometer Tracing); no-ops otherwise. */
    @Bean
    @ConditionalOnMissingBean
    EventTracing eventTracing(
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            ObjectProvider<ObservationRegistry> observations) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null
                ? EventTracing.NONE
                : new EventTracing(t, p, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnMissingBean
    EventFactory eventFactory(Environment environment, EnvelopeCodec codec, EventTracing tracing) {
        return new EventFactory(
                environment.getRequiredProperty("spring.application.name"), codec, Clock.systemUTC(), tracing);
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.event-log.relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<String, String> kafka,
            EventLogProperties properties,
            EventTracing tracing,
            ObjectProvider<MeterRegistry> meters) {
        OutboxRelay relay = new OutboxRelay(
                jdbc,
                transactions,
                kafka,
                properties.relayBatchSize(),
                properties.relayPollInterval(),
                properties.outboxRetention());
        relay.setTracing(tracing);
        meters.ifAvailable(relay::setMeterRegistry);
        return relay;
    }

    @Bean
    Outbox outbox(
            JdbcClient jdbc,
            EventFactory events,
            EnvelopeCodec codec,
            ObjectProvider<OutboxRelay> relay,
            EventTracing tracing,
            EventLogProperties properties) {
        Outbox outbox = new Outbox(jdbc, events, codec, relay.getIfAvailable(), tracing);
        outbox.setMaxEventBytes(properties.maxEventBytes());
        return outbox;
    }

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, EnvelopeCodec codec, EventTracing tracing) {
        Inbox inbox = new Inbox(jdbc, transactions, codec);
        inbox.setTracing(tracing);
        return inbox;
    }

    /** Retries with back-off, then the binding's dead-letter topic, for every Spring Cloud Stream consumer binding. */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterHandling deadLetterHandling(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterHandling(DeadLetters.rawTemplate(kafka), meters.getIfAvailable());
    }

    /** This service's dead-letter topics (the registry's whose producer is {@code spring.application.name}). */
    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaProperties kafka, Environment environment) {
        String service = environment.getRequiredProperty("spring.application.name");
        return DeadLetters.create(
                kafka,
                Topics.deadLetters().stream()
                        .filter(t -> t.producer().equals(service))
                        .toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class DeadLettersEndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
            return new DeadLettersEndpoint(deadLetters);
        }
    }

    /** Rebuilds a projection from the log alone (drop, then replay its topics through the inbox). */
    @Bean
    @ConditionalOnMissingBean
    Replay replay(
            KafkaProperties kafka,
            Inbox inbox,
            EnvelopeCodec codec,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        return new Replay(kafka.buildConsumerProperties(), inbox, codec, jdbc, transactions);
    }

    /** The suite's topics from the registry, created (or their configs brought up to date) by Spring's KafkaAdmin. */
    @Bean
    @ConditionalOnProperty(name = "ledgerflow.event-log.create-topics", matchIfMissing = true)
    KafkaAdmin.NewTopics ledgerflowTopics(EventLogProperties properties) {
        return new KafkaAdmin.NewTopics(newTopics(Topics.all(), properties.topicReplicationFactor()));
    }

    /**
     * What Kafka is asked to create for {@code topics}; {@code replicationFactor} overrides the registry's when
     * positive. Services and the chart's topics Job ({@code LedgerflowOps create-topics}) both create from here.
     */
    public static NewTopic[] newTopics(List<Topic> topics, int replicationFactor) {
        return topics.stream()
                .map(topic -> {
                    int replicas = topic.replicationFactor(replicationFactor);
                    return TopicBuilder.name(topic.name())
                            .partitions(topic.partitions())
                            .replicas(replicas)
                            .configs(topic.configs(replicas))
                            .build();
                })
                .toArray(NewTopic[]::new);
    }

    /**
     * Puts {@code ledgerflow.kafka.*} (TLS, SASL, client id and rack) into Spring Boot's Kafka properties before any
     * producer, consumer or admin factory is built from them.
     */
    @Bean
    static BeanPostProcessor ledgerflowKafkaClientSettings(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaProperties kafka) {
                    KafkaClientSettings.from(environment).applyTo(kafka);
                    // Spring Cloud Stream's Kafka binder defaults spring.kafka.producer.* to byte[] serializers
                    // (its environment post-processor); the outbox relay's KafkaTemplate sends text.
                    kafka.getProducer().setKeySerializer(StringSerializer.class);
                    kafka.getProducer().setValueSerializer(StringSerializer.class);
                }
                return bean;
            }
        };
    }
}
