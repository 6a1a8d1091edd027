package io.ledgerflow.sharing;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.sharing.publish.Publisher;
import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.TopicReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A version's changed rows go out as {@code DatasetRowsChanged} chunks that close at {@link Publisher#CHUNK} rows or
 * {@link Publisher#CHUNK_BYTES} of row JSON: narrow rows by count, wide rows by size — so a publish of wide rows is
 * not refused for an event larger than the log takes (one chunk of 300 rows of 5 KB would be 1.5 MB).
 */
@io.ledgerflow.testsupport.IntegrationTest
class ChangeChunksIT {

    private static final String NOTES = "{\"name\":\"Notes\",\"columns\":[{\"name\":\"id\",\"type\":\"text\"},"
            + "{\"name\":\"note\",\"type\":\"text\"}],\"primaryKey\":[\"id\"]}";

    @LocalServerPort
    int port;

    @Test
    void narrowRowsAreChunkedByCount() {
        SharingApi api = new SharingApi(port, "chunks");
        String id = api.create(NOTES);
        api.published(id, rows(2_500, 10));

        List<JsonNode> chunks = chunks(id);
        assertThat(chunks).extracting(c -> c.get("rows").size()).containsExactly(1_000, 1_000, 500);
    }

    @Test
    void wideRowsAreChunkedBySizeEachChunkFitsTheLogAndTogetherTheyHoldEveryRowInKeyOrder() {
        SharingApi api = new SharingApi(port, "chunks");
        String id = api.create(NOTES);
        api.published(id, rows(300, 5_000));

        List<String> envelopes = new ArrayList<>();
        List<JsonNode> chunks = chunks(id, envelopes);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(envelopes)
                .allSatisfy(envelope -> assertThat(envelope.length()).isLessThan(Outbox.DEFAULT_MAX_EVENT_BYTES));
        List<String> keys = new ArrayList<>();
        chunks.forEach(chunk ->
                chunk.get("rows").forEach(row -> keys.add(row.get("key").get(0).asString())));
        assertThat(keys).hasSize(300).isSorted().doesNotHaveDuplicates();
    }

    private static String rows(int count, int noteLength) {
        StringBuilder body = new StringBuilder("{\"rows\":[");
        String note = "n".repeat(noteLength);
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(String.format("r%05d", i))
                    .append("\",\"note\":\"")
                    .append(note)
                    .append("\"}");
        }
        return body.append("]}").toString();
    }

    private static List<JsonNode> chunks(String id) {
        return chunks(id, new ArrayList<>());
    }

    /** Version 1's chunks in order, each checked to name its index and the same total; their envelopes too. */
    private static List<JsonNode> chunks(String id, List<String> envelopes) {
        String topic = Topics.Sharing.DATASET_EVENTS.name();
        int total = JSON.readTree(TopicReader.read(topic, id, 1, ChangeChunksIT::rowsChanged)
                        .getFirst())
                .get("payload")
                .get("chunks")
                .asInt();
        envelopes.addAll(TopicReader.read(topic, id, total, ChangeChunksIT::rowsChanged));
        List<JsonNode> chunks = new ArrayList<>();
        for (String envelope : envelopes) {
            JsonNode payload = JSON.readTree(envelope).get("payload");
            assertThat(payload.get("chunk").asInt()).isEqualTo(chunks.size());
            assertThat(payload.get("chunks").asInt()).isEqualTo(total);
            chunks.add(payload);
        }
        return chunks;
    }

    private static boolean rowsChanged(String envelope) {
        return envelope.contains("\"type\":\"DatasetRowsChanged\"");
    }
}
