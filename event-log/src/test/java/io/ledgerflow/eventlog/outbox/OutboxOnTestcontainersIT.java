package io.ledgerflow.eventlog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.eventlog.testapp.TestLedger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The outbox-to-inbox round trip against the PostgreSQL and Kafka images production runs, where a
 * Docker engine exists. Skipped (not failed) on machines without one.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spring.kafka.consumer.auto-offset-reset=earliest")
class OutboxOnTestcontainersIT {

    @Container
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", postgres::getJdbcUrl);
        registry.add("spring.datasource.username", postgres::getUsername);
        registry.add("spring.datasource.password", postgres::getPassword);
        registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
    }

    @Autowired
    TestLedger ledger;

    @Autowired
    BalanceProjection projection;

    @Test
    void aCommittedChangeReachesTheConsumerOnce() {
        String account = "tc-" + UUID.randomUUID();
        ledger.post(account, 5);
        ledger.post(account, 7);

        await().atMost(Duration.ofSeconds(60)).until(() -> projection.applied(account) == 2);
        assertThat(projection.total(account)).isEqualTo(12);
        assertThat(projection.appliedSequences(account)).containsExactly(1, 2);
    }
}
