package io.ledgerflow.eventlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event log ({@code ledgerflow.event-log.*}).
 *
 * @param relayEnabled whether this process relays its outbox to Kafka
 * @param relayBatchSize rows per relay transaction
 * @param relayPollInterval how long an idle relay waits when nobody wakes it
 * @param outboxRetention how long published rows stay in the outbox table (for inspection)
 * @param createTopics whether to create the suite's topics at start-up (off where a platform team
 *     owns topics, or the chart's topics Job creates them)
 * @param topicReplicationFactor replicas of the topics it creates; 0: each topic's own (production, 3)
 * @param maxEventBytes the largest encoded envelope the outbox accepts; a larger event is refused at append
 *     ({@code EventTooLargeException}), under the 1 MiB Kafka takes by default
 */
@ConfigurationProperties("ledgerflow.event-log")
public record EventLogProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500") int relayBatchSize,
        @DefaultValue("200ms") Duration relayPollInterval,
        @DefaultValue("24h") Duration outboxRetention,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("0") int topicReplicationFactor,
        @DefaultValue("1000000") int maxEventBytes) {}
