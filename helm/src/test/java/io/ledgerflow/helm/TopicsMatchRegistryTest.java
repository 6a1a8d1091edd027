package io.ledgerflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.eventlog.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart's list of topics ({@code files/topics.yaml}, rendered into the topics ConfigMap) is event-log's registry:
 * every topic the services (or the topics Job) create, with its partitions, replication and configs. When the
 * registry changes, this test fails and writes the list to expect to {@code target/topics.yaml}.
 */
class TopicsMatchRegistryTest {

    static final Path TOPICS = RenderedChart.CHART.resolve("files/topics.yaml");

    static String fromRegistry() {
        StringBuilder yaml = new StringBuilder(
                "# Generated from event-log's registry (io.ledgerflow.eventlog.topic.Topics): do not edit here.\n"
                        + "# helm's TopicsMatchRegistryTest fails when the two differ and writes this list to"
                        + " helm/target/topics.yaml.\n"
                        + "# Configs at the registry's replication factor; kafka.topics.replicationFactor may lower it.\n");
        for (Topic topic : Topics.all()) {
            yaml.append("- name: ").append(topic.name()).append('\n');
            yaml.append("  producer: ").append(topic.producer()).append('\n');
            yaml.append("  partitions: ").append(topic.partitions()).append('\n');
            yaml.append("  replicationFactor: ")
                    .append(topic.replicationFactor())
                    .append('\n');
            yaml.append("  configs:\n");
            topic.configs(topic.replicationFactor())
                    .forEach((key, value) -> yaml.append("    ")
                            .append(key)
                            .append(": \"")
                            .append(value)
                            .append("\"\n"));
        }
        return yaml.toString();
    }

    @Test
    void theChartsTopicsAreTheRegistrys() throws IOException {
        String expected = fromRegistry();
        String actual = Files.exists(TOPICS) ? Files.readString(TOPICS) : "";
        if (!actual.equals(expected)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/topics.yaml"), expected);
        }
        assertThat(actual)
                .as("helm/ledgerflow/files/topics.yaml against the registry (expected list in helm/target/topics.yaml)")
                .isEqualTo(expected);
    }

    @Test
    void theConfigMapCarriesTheList() throws IOException {
        ConfigMap topics = RenderedChart.defaults().get(ConfigMap.class, RenderedChart.nameOf("topics"));
        assertThat(topics.getData().get("topics.yaml")).isEqualTo(Files.readString(TOPICS));
        for (Topic topic : Topics.all()) {
            assertThat(topics.getData().get("topics.yaml")).contains("- name: " + topic.name() + "\n");
        }
    }
}
