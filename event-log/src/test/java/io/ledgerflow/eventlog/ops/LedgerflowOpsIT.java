package io.ledgerflow.eventlog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The image's one-shot jobs against the JVM's real PostgreSQL and Kafka broker. */
class LedgerflowOpsIT {

    @Test
    void migrateAppliesTheMigrationsOnceAndExits() throws Exception {
        String url = SharedInfrastructure.jdbcUrl("ops_migrate");
        String[] args = {
            "migrate",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + SharedInfrastructure.databaseUser()
        };
        assertThat(LedgerflowOps.run(args)).isZero();
        try (Connection connection = DriverManager.getConnection(url, SharedInfrastructure.databaseUser(), "");
                ResultSet tables = connection.getMetaData().getTables(null, "public", "event_outbox", null)) {
            assertThat(tables.next()).as("event_outbox created").isTrue();
        }
        assertThat(LedgerflowOps.run(args))
                .as("a second run finds nothing to do")
                .isZero();
    }

    @Test
    void migrateFailsWithoutADatabase() {
        assertThat(LedgerflowOps.run(
                        "migrate",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                        "--spring.datasource.username=nobody"))
                .isEqualTo(1);
    }

    @Test
    void createTopicsCreatesTheRegistryWithItsConfigs() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        assertThat(LedgerflowOps.run(
                        "create-topics",
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--ledgerflow.event-log.topic-replication-factor=1"))
                .isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (Topic topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions())
                        .as("partitions of %s", topic.name())
                        .hasSize(topic.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.configs(1)
                        .forEach((key, value) -> assertThat(config.get(key).value())
                                .as("%s of %s", key, topic.name())
                                .isEqualTo(value));
            }
        }
    }

    @Test
    void anUnknownModeIsAUsageError() {
        assertThat(LedgerflowOps.run("serve")).isEqualTo(2);
        assertThat(LedgerflowOps.run()).isEqualTo(2);
    }
}
