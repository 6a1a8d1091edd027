package io.ledgerflow.eventlog.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * How every Kafka client of a service reaches a production cluster ({@code ledgerflow.kafka.*},
 * set from {@code KAFKA_*} variables by service-support's {@code ledgerflow-service.yml}): TLS with
 * a truststore, SASL (SCRAM or PLAIN) with a username and password or a whole JAAS line, client id
 * and rack. Blank settings are left out, so Kafka's own defaults apply (a TLS cluster with a public
 * certificate needs no truststore). The defaults are the local stack's: plain text, no SASL.
 *
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (others with {@code saslJaasConfig})
 * @param saslJaasConfig a whole {@code sasl.jaas.config} line; wins over username and password
 * @param saslUsername the SASL user
 * @param saslPassword the SASL password
 * @param truststoreLocation a file of the CA certificates the brokers' certificates chain to
 * @param truststorePassword its password (none for PEM)
 * @param truststoreType PKCS12, JKS or PEM
 * @param clientId prefix of every client's {@code client.id}
 * @param clientRack the consumers' rack, to fetch from the closest replica
 */
@ConfigurationProperties("ledgerflow.kafka")
public record KafkaClientSettings(
        @DefaultValue("PLAINTEXT") String securityProtocol,
        String saslMechanism,
        String saslJaasConfig,
        String saslUsername,
        String saslPassword,
        String truststoreLocation,
        String truststorePassword,
        String truststoreType,
        String clientId,
        String clientRack) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public KafkaClientSettings {
        securityProtocol =
                blank(securityProtocol) ? "PLAINTEXT" : securityProtocol.trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new IllegalArgumentException(
                    "KAFKA_SECURITY_PROTOCOL is one of " + PROTOCOLS + ", not " + securityProtocol);
        }
    }

    /** The settings of {@code environment} (what a running service sees). */
    public static KafkaClientSettings from(Environment environment) {
        return Binder.get(environment).bindOrCreate("ledgerflow.kafka", KafkaClientSettings.class);
    }

    public boolean sasl() {
        return securityProtocol.startsWith("SASL_");
    }

    public boolean tls() {
        return securityProtocol.endsWith("SSL");
    }

    /** Properties every client takes (producer, consumer, admin): security only. */
    public Map<String, String> commonProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", securityProtocol);
        if (tls()) {
            putIfSet(props, "ssl.truststore.location", truststoreLocation);
            putIfSet(props, "ssl.truststore.password", truststorePassword);
            putIfSet(props, "ssl.truststore.type", truststoreType);
        }
        if (sasl()) {
            String mechanism = blank(saslMechanism) ? "SCRAM-SHA-512" : saslMechanism.trim();
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", blank(saslJaasConfig) ? jaasConfig(mechanism) : saslJaasConfig);
        }
        return props;
    }

    /** Properties of consumers only. */
    public Map<String, String> consumerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        putIfSet(props, "client.rack", clientRack);
        return props;
    }

    /** Puts these settings into Spring Boot's Kafka properties, which every factory is built from. */
    public void applyTo(KafkaProperties kafka) {
        kafka.getProperties().putAll(commonProperties());
        kafka.getConsumer().getProperties().putAll(consumerProperties());
        if (!blank(clientId)) {
            kafka.setClientId(clientId.trim());
        }
    }

    private String jaasConfig(String mechanism) {
        String module = switch (mechanism) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default ->
                throw new IllegalStateException(
                        "SASL mechanism " + mechanism + " needs KAFKA_SASL_JAAS_CONFIG (a whole JAAS line)");
        };
        if (blank(saslUsername) || saslPassword == null || saslPassword.isEmpty()) {
            throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL " + securityProtocol
                    + " needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_JAAS_CONFIG)");
        }
        return module + " required username=" + quoted(saslUsername.trim()) + " password=" + quoted(saslPassword) + ";";
    }

    /** A JAAS option value: double quotes, with backslashes and quotes escaped. */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void putIfSet(Map<String, String> props, String key, String value) {
        if (!blank(value)) {
            props.put(key, value.trim());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
