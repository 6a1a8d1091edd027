package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.localstack.ports.PortCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL and Kafka as the launcher starts them: service databases and users, a table and a
 * Kafka record written, everything stopped, started again on the same data, and both still there.
 */
class InfrastructureIT {

    private static final String TOPIC = "local-stack-it";

    @TempDir
    Path dir;

    private final List<String> console = new ArrayList<>();

    @Test
    void databasesUsersAndRecordsSurviveARestart() throws Exception {
        LocalStackOptions options = LocalStackOptions.defaults(dir)
                .withOnlyInfra(true)
                .withStateDir(dir.resolve("state"))
                .withPostgresPort(PortCheck.findFreePort())
                .withKafkaPort(PortCheck.findFreePort())
                .withKafkaControllerPort(PortCheck.findFreePort());
        String value = "hello " + UUID.randomUUID();
        Endpoints.Database calculation;

        try (LocalStack stack = LocalStack.start(options, console::add)) {
            Endpoints endpoints = stack.endpoints();
            assertThat(endpoints.databases()).containsOnlyKeys("calculation", "linking", "sharing", "pong");
            assertThat(endpoints.services()).isEmpty();
            assertThat(endpoints.gatewayUrl()).isNull();
            calculation = endpoints.database("calculation");
            assertThat(calculation.user()).isEqualTo("calculation");
            assertThat(calculation.jdbcUrl())
                    .isEqualTo("jdbc:postgresql://localhost:" + options.postgresPort() + "/calculation");

            try (Connection connection = connect(calculation.jdbcUrl(), "calculation", calculation.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("create table workbook (id int primary key, name text not null)");
                statement.execute("insert into workbook values (1, 'persisted')");
            }
            // Passwords are checked, and one service's user cannot open another's database.
            assertThatThrownBy(() -> connect(calculation.jdbcUrl(), "calculation", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            Endpoints.Database linking = endpoints.database("linking");
            assertThatThrownBy(() -> connect(calculation.jdbcUrl(), "linking", linking.password()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");

            produce(endpoints.kafkaBootstrapServers(), value);
            assertThat(consumeAll(endpoints.kafkaBootstrapServers())).contains(value);
            assertThat(stack.memory()).isNotEmpty();
        }
        assertThat(options.postgresDataDir().resolve("postmaster.pid")).doesNotExist();
        assertThat(options.pidsFile()).doesNotExist();
        assertThat(PortCheck.isFree(options.postgresPort())).isTrue();
        assertThat(PortCheck.isFree(options.kafkaPort())).isTrue();

        try (LocalStack again = LocalStack.start(options, console::add)) {
            Endpoints.Database restarted = again.endpoints().database("calculation");
            assertThat(restarted.password()).isEqualTo(calculation.password());
            try (Connection connection = connect(restarted.jdbcUrl(), "calculation", restarted.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select name from workbook where id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("persisted");
            }
            assertThat(consumeAll(again.endpoints().kafkaBootstrapServers())).contains(value);
        }
        assertThat(Files.readString(options.credentialsFile())).contains("pong.password=");
    }

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRuns() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            LocalStackOptions options = LocalStackOptions.defaults(dir)
                    .withOnlyInfra(true)
                    .withStateDir(dir.resolve("state"))
                    .withPostgresPort(PortCheck.findFreePort())
                    .withKafkaPort(taken.getLocalPort())
                    .withKafkaControllerPort(PortCheck.findFreePort());

            assertThatThrownBy(() -> LocalStack.start(options, console::add))
                    .isInstanceOf(PortCheck.PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka broker) is already in use")
                    .hasMessageContaining("--kafka-port");
            assertThat(options.postgresDataDir()).doesNotExist();
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(TOPIC, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every value in the topic, read from the beginning by a new group (bounded: 30 s). */
    private static List<String> consumeAll(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(TOPIC));
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
