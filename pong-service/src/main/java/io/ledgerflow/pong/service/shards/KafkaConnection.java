package io.ledgerflow.pong.service.shards;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * How the shard topics' own clients ({@link TopicTail}) reach the cluster: the bootstrap servers and the security
 * settings (TLS, SASL) every client of the service uses (event-log's {@code KafkaClientSettings}), nothing else.
 *
 * @param properties Kafka client properties: {@code bootstrap.servers}, {@code security.*}, {@code ssl.*} and {@code
 *     sasl.*}
 */
public record KafkaConnection(Map<String, Object> properties) {

    public KafkaConnection {
        properties = Map.copyOf(properties);
    }

    /** A plain-text connection (tests, and the local stack). */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The connection part of Spring Boot's Kafka properties, security settings included. */
    public static KafkaConnection of(KafkaProperties kafka) {
        Map<String, Object> connection = new TreeMap<>();
        kafka.buildAdminProperties().forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || key.startsWith("security.")
                    || key.startsWith("ssl.")
                    || key.startsWith("sasl.")) {
                connection.put(key, value);
            }
        });
        return new KafkaConnection(connection);
    }
}
