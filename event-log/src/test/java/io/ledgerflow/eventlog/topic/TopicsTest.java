package io.ledgerflow.eventlog.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicIsNamedOnceAfterItsProducerAndReplicatedForProduction() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
        for (Topic topic : Topics.all()) {
            String service = topic.producer().replace("-service", "").replace("data-sharing", "sharing");
            assertThat(topic.name()).startsWith("ledgerflow." + service + ".").matches(".*\\.v\\d+");
            assertThat(topic.replicationFactor()).isEqualTo(Topic.REPLICATION_FACTOR);
            assertThat(topic.configs(3)).containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void domainEventsAreKeptForEverAndNeverCompacted() {
        for (Topic topic : new Topic[] {
            Topics.Calculation.WORKBOOK_EVENTS,
            Topics.Linking.LINK_EVENTS,
            Topics.Linking.LINKED_VALUES,
            Topics.Sharing.DATASET_EVENTS,
            Topics.Pong.GAME_EVENTS
        }) {
            assertThat(topic.configs(3))
                    .containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", "-1")
                    .doesNotContainKey("min.compaction.lag.ms");
        }
        assertThat(Topics.Pong.GAME_FRAMES.configs(3)).containsEntry("retention.ms", "86400000");
        assertThat(Topics.Pong.SHARD_CONTROL.partitions()).isEqualTo(1);
    }

    @Test
    void stateTopicsAreCompactedKeptForEverAndKeepTheirTombstonesADay() {
        for (Topic topic : new Topic[] {Topics.Sharing.DATASET_LATEST, Topics.Pong.GAME_SNAPSHOTS}) {
            assertThat(topic.configs(3))
                    .containsEntry("cleanup.policy", "compact")
                    .containsEntry("retention.ms", "-1")
                    .containsKey("min.compaction.lag.ms")
                    .containsEntry("delete.retention.ms", "86400000");
        }
    }

    @Test
    void aCompactedTopicCarriesItsLagAndOneBrokerGetsOneInSyncReplica() {
        Topic state = new Topic("ledgerflow.test.latest.v1", 3, "test").compacted(Duration.ofMinutes(5));
        assertThat(state.configs(1))
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("min.compaction.lag.ms", "300000")
                .containsEntry("min.insync.replicas", "1");
        assertThat(state.replicationFactor(1)).isEqualTo(1);
        assertThat(state.replicationFactor(0)).isEqualTo(3);
        assertThatThrownBy(() -> new Topic("x", 1, 3, "test", Topic.CleanupPolicy.DELETE, null, Duration.ofMinutes(1)))
                .hasMessageContaining("compaction lag");
    }
}
