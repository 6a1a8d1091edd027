package io.ledgerflow.eventlog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.testapp.AccountState;
import io.ledgerflow.eventlog.testapp.TestLedger;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.SharedInfrastructure;
import io.ledgerflow.testsupport.TopicReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

/**
 * A compacted state topic fed through the outbox, against the real broker: created compacted from the
 * registry's declaration, a delete becomes a tombstone, and a new reader from the beginning gets the
 * latest state of each key and nothing of a deleted one — before compaction (by reading) and after it.
 */
@IntegrationTest
class StateTopicIT {

    private static final String TOPIC = EventLogTestApplication.ACCOUNT_STATE.name();

    @Autowired
    TestLedger ledger;

    @Autowired
    Outbox outbox;

    @Autowired
    EnvelopeCodec codec;

    @Test
    void theTopicIsCreatedWithTheRegistrysCompactionConfigs() throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("min.compaction.lag.ms").value()).isEqualTo("0");
            assertThat(config.get("delete.retention.ms").value()).isEqualTo("86400000");
        }
    }

    @Test
    void aDeleteIsATombstoneAndANewReaderGetsTheLatestStateOfEachKey() {
        String kept = "state-kept-" + UUID.randomUUID();
        String closed = "state-closed-" + UUID.randomUUID();
        ledger.post(kept, 10);
        ledger.publishState(kept);
        ledger.post(kept, 5);
        ledger.publishState(kept);
        ledger.post(closed, 7);
        ledger.publishState(closed);
        ledger.close(closed);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(read(kept, closed)).hasSize(4));
        List<ConsumerRecord<String, String>> records = read(kept, closed);
        ConsumerRecord<String, String> tombstone = records.getLast();
        assertThat(tombstone.key()).isEqualTo(closed);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.headers().lastHeader("ce_id")).isNull();
        assertThat(records.getFirst().headers().lastHeader("ce_type").value())
                .asString()
                .isEqualTo("AccountState.v1");

        Map<String, AccountState> latest = latestPerKey(records);
        assertThat(latest).containsOnlyKeys(kept);
        assertThat(latest.get(kept).balance()).isEqualTo(15);
    }

    @Test
    void compactionLeavesOnlyTheLatestStateOfEachKeyAndTheTombstone() throws Exception {
        String kept = "compact-kept-" + UUID.randomUUID();
        String closed = "compact-closed-" + UUID.randomUUID();
        try (Admin admin = admin()) { // roll segments fast and clean any dirt: this topic is the test's
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            admin.incrementalAlterConfigs(Map.of(
                            resource,
                            List.of(
                                    new AlterConfigOp(new ConfigEntry("segment.ms", "100"), AlterConfigOp.OpType.SET),
                                    new AlterConfigOp(
                                            new ConfigEntry("min.cleanable.dirty.ratio", "0.01"),
                                            AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        ledger.post(kept, 1);
        ledger.post(closed, 1);
        for (int i = 0; i < 5; i++) {
            ledger.post(kept, 1);
            ledger.publishState(kept);
            ledger.publishState(closed);
        }
        ledger.close(closed);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    ledger.post(
                            "compact-nudge", 1); // a new message rolls the active segment so the cleaner can reach ours
                    ledger.publishState("compact-nudge");
                    List<ConsumerRecord<String, String>> records = read(kept, closed);
                    assertThat(records).extracting(ConsumerRecord::key).containsExactly(kept, closed);
                    assertThat(records.get(1).value()).isNull();
                });
        assertThat(latestPerKey(read(kept, closed)).get(kept).balance()).isEqualTo(6);
    }

    @Test
    @Transactional
    void aTombstoneBelongsOnACompactedTopicOnly() {
        assertThatThrownBy(() -> outbox.appendTombstone(EventLogTestApplication.LEDGER_EVENTS, "any"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compacted");
    }

    private Map<String, AccountState> latestPerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, AccountState> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(
                        record.key(), codec.payload(codec.decode(record.value()).orElseThrow(), AccountState.class));
            }
        }
        return latest;
    }

    /** The whole topic, from the beginning, as a new reader sees it: the records of {@code keys}, in order. */
    private static List<ConsumerRecord<String, String>> read(String... keys) {
        List<String> wanted = List.of(keys);
        return TopicReader.readToEnd(TOPIC).stream()
                .filter(r -> wanted.contains(r.key()))
                .toList();
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()));
    }
}
