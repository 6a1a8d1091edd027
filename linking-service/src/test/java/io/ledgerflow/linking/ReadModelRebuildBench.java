package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.replay.Replay;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.intake.messaging.ReadModelRebuild;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A harness (not run by default: {@code ./mvnw -pl linking-service test -Dtest=ReadModelRebuildBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Drebuild.events=N}): N events, half {@code CellValuesChanged} over 1,000
 * workbooks and half {@code DatasetRowsChanged} (one row each) over 100 datasets, straight onto the topics; the live
 * intake applies them, then {@link ReadModelRebuild} drops the read model and learns it again. Prints both times.
 */
@IntegrationTest
class ReadModelRebuildBench {

    record DatasetRowsChanged(UUID datasetId, long version, List<Map<String, Object>> rows) implements DomainEvent {}

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModelRebuild rebuild;

    @Test
    void rebuildTime() {
        int n = Integer.getInteger("rebuild.events", 20_000);
        List<UUID> workbooks =
                java.util.stream.Stream.generate(UUID::randomUUID).limit(1_000).toList();
        List<UUID> datasets =
                java.util.stream.Stream.generate(UUID::randomUUID).limit(100).toList();
        long before = liveInbox();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                UUID workbook = workbooks.get(i / 2 % workbooks.size());
                send(
                        Topics.Calculation.WORKBOOK_EVENTS.name(),
                        workbook,
                        "workbook",
                        new Fixture.CellValuesChanged(
                                workbook, i / 2 + 1, 1, 1, List.of(Fixture.cell("Sheet1!A1", "Sheet1", 0, 0, i))));
            } else {
                UUID dataset = datasets.get(i / 2 % datasets.size());
                send(
                        Topics.Sharing.DATASET_EVENTS.name(),
                        dataset,
                        "dataset",
                        new DatasetRowsChanged(
                                dataset,
                                i / 2 + 1,
                                List.of(Map.of(
                                        "key", List.of("k" + i % 1000),
                                        "change", "updated",
                                        "values", Map.of("rate", i)))));
            }
        }
        kafka.flush();
        double produced = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> liveInbox() >= before + n);
        double live = (System.nanoTime() - started) / 1e9;

        Replay.Result result = rebuild.rebuild();
        assertThat(result.applied()).isGreaterThanOrEqualTo(n);
        System.out.printf(
                "read model rebuild: %d events produced in %.1f s, applied live in %.1f s (%.0f/s);"
                        + " rebuilt (%d events replayed) in %.1f s (%.0f/s)%n",
                n,
                produced,
                live,
                n / live,
                result.applied(),
                result.took().toMillis() / 1e3,
                result.applied() / (result.took().toMillis() / 1e3));
    }

    private void send(String topic, UUID aggregate, String type, DomainEvent event) {
        kafka.send(
                topic, aggregate.toString(), codec.encode(events.envelope(type, aggregate.toString(), "bench", event)));
    }

    private long liveInbox() {
        return jdbc.sql("select count(*) from event_inbox"
                        + " where consumer in ('linking-workbook-events', 'linking-dataset-events')")
                .query(Long.class)
                .single();
    }
}
