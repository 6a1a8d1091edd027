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
    void aMessageThatIsNotAnEnvelopeIsSkipped() {
        AtomicInteger effects = new AtomicInteger();
        assertThat(inbox.receive("poison-consumer", "{not json", e -> effects.incrementAndGet()))
                .isEmpty();
        assertThat(effects).hasValue(0);
    }
}
