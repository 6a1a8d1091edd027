package io.ledgerflow.eventlog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.eventlog.testapp.TestLedger;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's guarantees against a real PostgreSQL and a real Kafka broker: atomic with the state
 * change, ordered per aggregate, and exactly once in effect across a relay crash between Kafka's
 * acknowledgement and the database mark.
 */
@IntegrationTest
class OutboxIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    TestLedger ledger;

    @Autowired
    OutboxRelay relay;

    @Autowired
    BalanceProjection projection;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreRelay() {
        relay.setAcknowledgedHook(positions -> {});
        relay.start();
    }

    @Test
    void aRolledBackStateChangeLeavesNoEvent() {
        String account = "rollback-" + UUID.randomUUID();
        assertThatThrownBy(() -> ledger.postThenFail(account, 10)).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.sql("select count(*) from account where id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from event_outbox where message_key = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aBatchOfEventsTakesPositionsInItsOrder() {
        String account = "batch-" + UUID.randomUUID();
        ledger.postBatch(account, 50);

        List<Integer> sequences = jdbc
                .sql("select envelope from event_outbox where message_key = ? order by position")
                .param(account)
                .query(String.class)
                .list()
                .stream()
                .map(json -> codec.payload(codec.decode(json).orElseThrow(), AmountPosted.class)
                        .sequence())
                .toList();
        assertThat(sequences)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void eventsOfOneAggregateArriveInCommitOrder() {
        String account = "order-" + UUID.randomUUID();
        IntStream.rangeClosed(1, 40).forEach(i -> ledger.post(account, i));

        await().atMost(BOUND).until(() -> projection.applied(account) == 40);
        assertThat(projection.appliedSequences(account))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(projection.total(account)).isEqualTo(40 * 41 / 2);
    }

    @Test
    void aRelayCrashAfterKafkaAcknowledgedRepublishesAndTheEffectHappensOnce() {
        relay.stop();
        String account = "crash-" + UUID.randomUUID();
        AmountPosted posted = ledger.post(account, 700);
        UUID eventId = eventIdOf(account);

        // The relay dies after Kafka acknowledged the batch, before the mark commits.
        relay.setAcknowledgedHook(positions -> {
            throw new SimulatedCrash();
        });
        assertThatThrownBy(relay::relayBatch).isInstanceOf(SimulatedCrash.class);
        assertThat(copiesOnTheLog(eventId)).isEqualTo(1);
        assertThat(isPublished(eventId)).isFalse();

        // A new relay takes over and publishes the batch again.
        relay.setAcknowledgedHook(positions -> {});
        assertThat(relay.relayBatch()).isGreaterThanOrEqualTo(1);
        assertThat(isPublished(eventId)).isTrue();
        assertThat(copiesOnTheLog(eventId)).isEqualTo(2);

        // Both copies reach the consumer; the inbox applies only one.
        await().atMost(BOUND).until(() -> projection.deliveriesOf(eventId) == 2);
        assertThat(projection.applied(account)).isEqualTo(1);
        assertThat(projection.total(account)).isEqualTo(posted.amount());
    }

    private UUID eventIdOf(String account) {
        return jdbc.sql("select event_id from event_outbox where message_key = ?")
                .param(account)
                .query(UUID.class)
                .single();
    }

    private boolean isPublished(UUID eventId) {
        return jdbc.sql("select published_at is not null from event_outbox where event_id = ?")
                .param(eventId)
                .query(Boolean.class)
                .single();
    }

    /** Reads the whole topic with a fresh consumer and counts the messages carrying this event. */
    private int copiesOnTheLog(UUID eventId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "outbox-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(EventLogTestApplication.LEDGER_EVENTS.name()));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            // Poll until the topic is drained: an empty poll after assignment means we are at the end.
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(seen::add);
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    boolean atEnd = consumer.endOffsets(consumer.assignment()).entrySet().stream()
                            .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (atEnd) {
                        break;
                    }
                }
            }
            return (int) seen.stream()
                    .map(r -> codec.decode(r.value()))
                    .flatMap(java.util.Optional::stream)
                    .map(EventEnvelope::id)
                    .filter(eventId::equals)
                    .count();
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("relay killed between Kafka's acknowledgement and the database commit");
        }
    }
}
