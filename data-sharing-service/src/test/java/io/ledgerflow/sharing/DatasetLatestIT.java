package io.ledgerflow.sharing;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.TopicReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The compacted state topic {@code dataset-latest}: each publish puts the dataset's whole latest state on it,
 * keyed by the dataset id, and a delete puts a tombstone, all through the outbox; a reader from the beginning
 * that keeps the last message of the key ends with nothing for a deleted dataset.
 */
@io.ledgerflow.testsupport.IntegrationTest
class DatasetLatestIT {

    @LocalServerPort
    int port;

    @Test
    void eachPublishIsTheLatestStateAndADeleteATombstone() {
        SharingApi api = new SharingApi(port, "latest");
        String id = api.create(SharingApi.FX_RATES);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08,\"asOf\":\"2026-11-30\"}]}");
        api.published(
                id, "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"CHF\",\"rate\":1.1310,\"asOf\":\"2026-12-01\"}]}");

        List<String> states = TopicReader.read(Topics.Sharing.DATASET_LATEST.name(), id, 2, m -> true);
        JsonNode latest = JSON.readTree(states.get(1));
        assertThat(latest.get("type").asString()).isEqualTo("DatasetLatest");
        assertThat(latest.get("tenant").asString()).isEqualTo(api.workspace);
        JsonNode payload = latest.get("payload");
        assertThat(payload.get("version").asLong()).isEqualTo(2);
        assertThat(payload.get("kind").asString()).isEqualTo("delta");
        assertThat(payload.get("rowCount").asLong()).isEqualTo(2);
        assertThat(payload.get("primaryKey").get(0).asString()).isEqualTo("currency");

        assertThat(api.http.delete(api.dataset(id)).status()).isEqualTo(204);
        List<String> all = TopicReader.read(Topics.Sharing.DATASET_LATEST.name(), id, 3, m -> true);
        assertThat(all).hasSize(3);
        assertThat(all.getLast()).as("a tombstone").isNull();
    }
}
