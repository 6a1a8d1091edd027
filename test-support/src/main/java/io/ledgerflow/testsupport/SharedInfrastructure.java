package io.ledgerflow.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real PostgreSQL server and one real Kafka broker (KRaft) per test JVM, started on first use
 * and stopped when the JVM exits. Every Spring context of the JVM shares them, so the contexts stay
 * cacheable and the suite starts each server once.
 */
public final class SharedInfrastructure {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static final Set<String> databases = new HashSet<>();

    private SharedInfrastructure() {}

    /** A JDBC URL of a database with this name on the shared server, created on first use. */
    public static synchronized String jdbcUrl(String database) {
        EmbeddedPostgres server = postgres();
        if (databases.add(database)) {
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create database \"" + database + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + database, e);
            }
        }
        return server.getJdbcUrl("postgres", database);
    }

    public static String databaseUser() {
        return "postgres";
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.brokerProperty("auto.create.topics.enable", "true");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            // compaction tests (StateTopicIT) wait for the log cleaner: look for dirty logs every second
            broker.brokerProperty("log.cleaner.backoff.ms", "1000");
            broker.afterPropertiesSet();
            kafka = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "test-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }

    private static EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
                postgres = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "test-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // The JVM is exiting; the temporary data directory goes with the process.
        }
    }
}
