package io.ledgerflow.eventlog.inbox;

import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AmountPosted;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Events per second through the Spring Cloud Stream inbox consumer, record binding ({@code ledger}) against
 * batch binding ({@code ledgerBatch}), the same effect (one upsert per event): {@code -Dinbox.events=N} posts N
 * envelopes straight to each binding's topic and times until the projection applied them all. Not part of
 * verify: docs/benchmarks.md.
 */
@IntegrationTest
class InboxThroughputIT {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Test
    @EnabledIfSystemProperty(named = "inbox.events", matches = "\\d+")
    void recordAgainstBatchConsumer() {
        int count = Integer.getInteger("inbox.events");
        for (String topic :
                List.of(EventLogTestApplication.LEDGER_EVENTS.name(), EventLogTestApplication.LEDGER_BATCHES.name())) {
            String prefix = "tp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            long start = System.nanoTime();
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String account = prefix + (i % 1_000);
                sends.add(kafka.send(
                        topic,
                        account,
                        codec.encode(events.envelope("account", account, "ws", new AmountPosted(account, 1, i)))));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            double produced = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> applied(prefix) >= count);
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "INBOX %s %d events: applied in %.1f s (%.0f events/s); producing them took %.1f s%n",
                    topic, count, took, count / took, produced);
        }
    }

    private long applied(String prefix) {
        return jdbc.sql("select coalesce(sum(applied), 0) from balance_view where account_id like ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();
    }
}
