package io.ledgerflow.eventlog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.eventlog.testapp.TestLedger;
import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event the log cannot take never holds the outbox up: one larger than {@code max-event-bytes} is refused at
 * append (the business transaction rolls back, nothing half-written), and a row the broker refuses anyway (here a
 * topic whose {@code max.message.bytes} is lower) is parked with the reason and counted while the rows behind it
 * are delivered.
 */
@IntegrationTest
class RecordSizeIT {

    @Autowired
    TestLedger ledger;

    @Autowired
    BalanceProjection projection;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    MeterRegistry meters;

    @Test
    void anEventLargerThanTheLogTakesIsRefusedAtAppendAndNothingIsCommitted() {
        String account = "large-" + UUID.randomUUID();
        String note = incompressible(Outbox.DEFAULT_MAX_EVENT_BYTES);

        assertThatThrownBy(() -> ledger.note(EventLogTestApplication.LEDGER_EVENTS, account, note))
                .isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("NotePosted of " + account)
                .hasMessageContaining("more than the " + Outbox.DEFAULT_MAX_EVENT_BYTES);
        assertThat(count("select count(*) from account where id = ?", account)).isZero();
        assertThat(count("select count(*) from event_outbox where message_key = ?", account))
                .isZero();
    }

    @Test
    void aRecordTheBrokerRefusesIsParkedAndTheEventsBehindItAreDelivered() throws Exception {
        Topic small = new Topic("ledgerflow.test.small-records-" + UUID.randomUUID() + ".v1", 1, "event-log-test");
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            admin.createTopics(List.of(new NewTopic(small.name(), 1, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096"))))
                    .all()
                    .get();
        }
        String account = "refused-" + UUID.randomUUID();
        double parkedBefore = parked(small);

        ledger.note(small, account, incompressible(20_000)); // under max-event-bytes, over the topic's limit
        ledger.post(account, 7);

        // blocked, the relay would retry the batch for ever: the post delivered again and again, never marked
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "select count(*) from event_outbox where message_key = ? and published_at is null",
                                account)
                        == 0);
        assertThat(projection.applied(account)).isOne();
        Map<String, Object> row = jdbc.sql("select topic, message_key, envelope, reason from event_outbox_parked"
                        + " where message_key = ?")
                .param(account)
                .query()
                .singleRow();
        assertThat(row.get("topic")).isEqualTo(small.name());
        assertThat((String) row.get("envelope")).contains("NotePosted");
        assertThat((String) row.get("reason")).startsWith("RecordTooLargeException");
        assertThat(count(
                        "select count(*) from event_outbox where message_key = ? and topic = ?", account, small.name()))
                .as("no longer in the outbox")
                .isZero();
        assertThat(parked(small) - parkedBefore).isEqualTo(1.0);
    }

    private double parked(Topic topic) {
        var counter = meters.find(OutboxRelay.PARKED_METRIC)
                .tag("topic", topic.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Random text that compression cannot bring under a size limit. */
    private static String incompressible(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }
}
