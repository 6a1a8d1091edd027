package io.ledgerflow.eventlog.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic of the log as code: its name, size, durability and how long Kafka keeps it. Messages are
 * keyed by aggregate id, so every event of one aggregate lands in one partition, in order. Each
 * topic has exactly one producing service.
 *
 * @param name the Kafka topic name: {@code ledgerflow.<producer>.<stream>.v<n>}
 * @param partitions how far consumption of the topic can be spread
 * @param replicationFactor copies in production (a deployment may ask for fewer: one local broker)
 * @param producer the one service that writes it
 * @param cleanupPolicy {@link CleanupPolicy#DELETE} for a log whose every message counts, {@link
 *     CleanupPolicy#COMPACT} only where a message is the whole latest state of its key
 * @param retention how long messages are kept; {@code null}: for ever (an event log of record)
 * @param minCompactionLag how long a message stays uncompacted (compacted topics only, else null);
 *     a compacted topic also keeps its tombstones {@link #TOMBSTONE_RETENTION}
 */
public record Topic(
        String name,
        int partitions,
        int replicationFactor,
        String producer,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        Duration minCompactionLag) {

    /** Production replication: a partition survives the loss of two brokers, writes need two. */
    public static final int REPLICATION_FACTOR = 3;

    /**
     * How long a compacted topic keeps a tombstone readable ({@code delete.retention.ms}): a reader that
     * falls further behind may miss a delete and must start again from the beginning.
     */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);

    /** Kafka's {@code cleanup.policy}. */
    public enum CleanupPolicy {
        DELETE("delete"),
        COMPACT("compact");

        private final String config;

        CleanupPolicy(String config) {
            this.config = config;
        }

        public String config() {
            return config;
        }
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (!name.matches("[a-z0-9.\\-]+")) {
            throw new IllegalArgumentException("topic names are lower case, dots and dashes: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("a topic needs at least one replica: " + name);
        }
        if (retention != null && !retention.isPositive()) {
            throw new IllegalArgumentException("retention is positive, or null for ever: " + name);
        }
        if ((cleanupPolicy == CleanupPolicy.COMPACT) != (minCompactionLag != null)) {
            throw new IllegalArgumentException("a compaction lag belongs to compacted topics only: " + name);
        }
    }

    /** An event log of record: every message kept for ever, never compacted. */
    public Topic(String name, int partitions, String producer) {
        this(name, partitions, REPLICATION_FACTOR, producer, CleanupPolicy.DELETE, null, null);
    }

    /**
     * The dead-letter topic of one consumer of {@code producer} (the consuming service writes it): the
     * messages it could not decode, or whose effect kept failing, kept for ever until an operator
     * replays or drops them. One partition: dead letters are few, and an operator reads them in order.
     */
    public static Topic deadLetters(String name, String producer) {
        return new Topic(name, 1, producer);
    }

    /** The same topic with messages kept only for {@code retention}. */
    public Topic keptFor(Duration retention) {
        return new Topic(name, partitions, replicationFactor, producer, cleanupPolicy, retention, minCompactionLag);
    }

    /** The same topic compacted: only the latest message of each key survives, after {@code lag}. */
    public Topic compacted(Duration lag) {
        return new Topic(name, partitions, replicationFactor, producer, CleanupPolicy.COMPACT, retention, lag);
    }

    /**
     * The replication factor to create the topic with: {@code requested} when a deployment asks for
     * one (1 on the single local broker), else {@link #replicationFactor()}.
     */
    public int replicationFactor(int requested) {
        return requested > 0 ? requested : replicationFactor;
    }

    /**
     * The topic's Kafka configs at {@code replicationFactor} copies: cleanup policy, retention,
     * compaction lag and {@code min.insync.replicas} (a majority short of all copies, at least 1).
     */
    public Map<String, String> configs(int replicationFactor) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.config());
        configs.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
        if (minCompactionLag != null) {
            configs.put("min.compaction.lag.ms", Long.toString(minCompactionLag.toMillis()));
            configs.put("delete.retention.ms", Long.toString(TOMBSTONE_RETENTION.toMillis()));
        }
        configs.put("min.insync.replicas", Integer.toString(Math.max(1, Math.min(2, replicationFactor - 1))));
        return configs;
    }
}
