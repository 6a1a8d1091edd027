package io.ledgerflow.eventlog.topic;

import java.util.Objects;

/**
 * A topic of the log. Messages are keyed by aggregate id, so every event of one aggregate lands in
 * one partition, in order. Each topic has exactly one producing service.
 *
 * @param name the Kafka topic name: {@code ledgerflow.<producer>.<stream>.v<n>}
 * @param partitions how far consumption of the topic can be spread
 * @param producer the one service that writes it
 */
public record Topic(String name, int partitions, String producer) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(producer, "producer");
        if (!name.matches("[a-z0-9.\\-]+")) {
            throw new IllegalArgumentException("topic names are lower case, dots and dashes: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }
}
