package io.ledgerflow.eventlog.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** The inbox's guarantee: a redelivered event has no second effect; a failed effect is retried. */
@IntegrationTest
class InboxIT {

    @Autowired
    Inbox inbox;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    BalanceProjection projection;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventDeliveredThreeTimesThroughKafkaIsAppliedOnce() throws Exception {
        String account = "redelivered-" + UUID.randomUUID();
        EventEnvelope event = events.envelope("account", account, "workspace-1", new AmountPosted(account, 42, 1));
        String message = codec.encode(event);
        for (int i = 0; i < 3; i++) {
            kafka.send(EventLogTestApplication.LEDGER_EVENTS.name(), account, message)
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> projection.deliveriesOf(event.id()) == 3);
        assertThat(projection.applied(account)).isEqualTo(1);
        assertThat(projection.total(account)).isEqualTo(42);
    }

    @Test
    void aFailedEffectLeavesNoRecordSoTheRedeliveryApplies() {
        EventEnvelope event = events.envelope("account", "a", "workspace-1", new AmountPosted("a", 1, 1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> inbox.process("flaky-consumer", event, e -> {
                    attempts.incrementAndGet();
                    jdbc.sql("insert into balance_view (account_id, total, applied) values ('flaky', 1, 1)")
                            .update();
                    throw new IllegalStateException("effect failed half-way");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(inbox.alreadyProcessed("flaky-consumer", event.id())).isFalse();
        assertThat(jdbc.sql("select count(*) from balance_view where account_id = 'flaky'")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(inbox.process("flaky-consumer", event, e -> attempts.incrementAndGet()))
                .isTrue();
        assertThat(inbox.process("flaky-consumer", event, e -> attempts.incrementAndGet()))
                .isFalse();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void eachConsumerHasItsOwnInbox() {
        EventEnvelope event = events.envelope("account", "b", "workspace-1", new AmountPosted("b", 1, 1));
        assertThat(inbox.process("consumer-one", event, e -> {})).isTrue();
        assertThat(inbox.process("consumer-two", event, e -> {})).isTrue();
        assertThat(inbox.process("consumer-one", event, e -> {})).isFalse();
    }

    @Test
    void aMessageThatIsNotAnEnvelopeIsRefusedWithoutEffect() {
        AtomicInteger effects = new AtomicInteger();
        assertThatThrownBy(() -> inbox.receive("poison-consumer", "{not json", e -> effects.incrementAndGet()))
                .isInstanceOf(UndecodableEventException.class);
        assertThat(effects).hasValue(0);
    }

    @Test
    void aBatchAppliesEachEventOnceDuplicatesInsideItIncluded() {
        EventEnvelope first = events.envelope("account", "c", "workspace-1", new AmountPosted("c", 1, 1));
        EventEnvelope second = events.envelope("account", "c", "workspace-1", new AmountPosted("c", 2, 2));
        AtomicInteger effects = new AtomicInteger();

        assertThat(inbox.processBatch(
                        "batch-consumer", java.util.List.of(first, first, second), e -> effects.incrementAndGet()))
                .isEqualTo(2);
        assertThat(inbox.processBatch(
                        "batch-consumer", java.util.List.of(second, first), e -> effects.incrementAndGet()))
                .isZero();
        assertThat(effects).hasValue(2);
    }

    @Test
    void aBatchWhoseThirdEffectFailsKeepsTheFirstTwoAndNamesTheThird() {
        java.util.List<EventEnvelope> batch = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> events.envelope("account", "d", "workspace-1", new AmountPosted("d", i, i)))
                .toList();
        assertThatThrownBy(() -> inbox.processBatch("failing-batch", batch, e -> {
                    if (e == batch.get(2)) {
                        throw new IllegalStateException("third fails");
                    }
                }))
                .isInstanceOfSatisfying(
                        org.springframework.kafka.listener.BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(2));
        assertThat(batch)
                .extracting(e -> inbox.alreadyProcessed("failing-batch", e.id()))
                .containsExactly(true, true, false, false);
    }
}
