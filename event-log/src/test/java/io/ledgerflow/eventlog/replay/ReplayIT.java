package io.ledgerflow.eventlog.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.eventlog.testapp.BalanceProjection;
import io.ledgerflow.eventlog.testapp.TestLedger;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** Rebuild by replay: the projection dropped and rebuilt from the log alone equals the one the live consumer built. */
@IntegrationTest
class ReplayIT {

    @Autowired
    TestLedger ledger;

    @Autowired
    BalanceProjection projection;

    @Autowired
    Replay replay;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaAdmin admin;

    @AfterEach
    void restore() {
        projection.rejectNegative(true);
    }

    @Test
    void theRebuiltProjectionEqualsTheLiveOneAndASecondRebuildChangesNothing() {
        String prefix = "replay-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 200; i++) {
            ledger.post(prefix + (i % 7), i + 1);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(prefix) == 200);
        List<Map<String, Object>> before = state(prefix);
        projection.rejectNegative(false); // other tests' events on the topic include failing ones

        Replay.Result first = rebuild();
        assertThat(first.applied()).isGreaterThanOrEqualTo(200);
        assertThat(state(prefix)).isEqualTo(before);

        Replay.Result second = rebuild();
        assertThat(second.applied()).isEqualTo(first.applied());
        assertThat(state(prefix)).isEqualTo(before);
    }

    /**
     * How long a rebuild of {@code -Dreplay.events=N} events takes (events posted straight to a topic of their
     * own, one upsert each). Not part of verify: {@code docs/benchmarks.md}.
     */
    @Test
    @EnabledIfSystemProperty(named = "replay.events", matches = "\\d+")
    void replayThroughput() {
        int count = Integer.getInteger("replay.events");
        String topic =
                "ledgerflow.test.replay-bench-" + UUID.randomUUID().toString().substring(0, 8) + ".v1";
        admin.createOrModifyTopics(new NewTopic(topic, 6, (short) 1));
        long producing = System.nanoTime();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = "bench-" + (i % 10_000);
            sends.add(kafka.send(
                    topic,
                    account,
                    codec.encode(events.envelope("account", account, "ws", new AmountPosted(account, 1, i)))));
            if (sends.size() == 10_000) {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
                sends.clear();
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        double produced = (System.nanoTime() - producing) / 1e9;

        Replay.Result result = replay.rebuild(
                "replay-bench",
                List.of(topic),
                () -> jdbc.sql("delete from balance_view where account_id like 'bench-%'")
                        .update(),
                projection::applyForReplay);
        assertThat(result.applied()).isEqualTo(count);
        System.out.printf(
                "REPLAY %d events: rebuilt in %.1f s (%.0f events/s); producing them took %.1f s%n",
                count, result.took().toMillis() / 1000.0, count / (result.took().toMillis() / 1000.0), produced);
    }

    private Replay.Result rebuild() {
        return replay.rebuild(
                BalanceProjection.CONSUMER,
                List.of(EventLogTestApplication.LEDGER_EVENTS.name()),
                () -> jdbc.sql("delete from balance_view").update(),
                projection::applyForReplay);
    }

    private long applied(String prefix) {
        return jdbc.sql("select coalesce(sum(applied), 0) from balance_view where account_id like ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> state(String prefix) {
        return jdbc.sql(
                        "select account_id, total, applied from balance_view where account_id like ? order by account_id")
                .param(prefix + "%")
                .query()
                .listOfRows();
    }
}
