package io.ledgerflow.linking;

import static io.ledgerflow.linking.Fixture.cell;
import static io.ledgerflow.linking.Fixture.workbookLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The compacted state topic {@code ledgerflow.linking.source-values.v1}: each changed cell that an active link
 * reads is a LinkedSourceValue keyed by the cell ({@code workbookId!Sheet!A1}), the newest last; a cell no link
 * reads is never on it; a tombstone when the last active link out of the cell is removed, or its workbook deleted.
 */
@IntegrationTest
class SourceValuesIT {

    static final String TOPIC = Topics.Linking.SOURCE_VALUES.name();

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(port, "state-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
    }

    @Test
    void theLatestValueOfALinkedCellReplacesTheLastAndItsLastLinkGoingLeavesATombstone() {
        UUID source = f.workbook("Rates");
        UUID budget = f.workbook("Budget");
        UUID forecast = f.workbook("Forecast");
        String first = f.link(workbookLink(source, "Rates!B2", budget, "Sheet1!C3"))
                .get("id")
                .asString();
        String second = f.link(workbookLink(source, "Rates!B2", forecast, "Sheet1!A1"))
                .get("id")
                .asString();
        String key = source + "!Rates!B2";
        String unlinked = source + "!Rates!B3";

        f.changed(source, 2, cell("Rates!B2", "Rates", 1, 1, 1.0825), cell("Rates!B3", "Rates", 2, 1, 9));
        EventEnvelope state = codec.decode(
                        TopicReader.read(TOPIC, key, 1, m -> true).getFirst())
                .orElseThrow();
        assertThat(state.type()).isEqualTo("LinkedSourceValue");
        assertThat(state.tenant()).isEqualTo(f.workspace);
        JsonNode payload = state.payload();
        assertThat(payload.get("workbookId").asString()).isEqualTo(source.toString());
        assertThat(payload.get("ref").asString()).isEqualTo("Rates!B2");
        assertThat(payload.get("type").asString()).isEqualTo("number");
        assertThat(payload.get("value").asDouble()).isEqualTo(1.0825);
        assertThat(payload.get("sourceRevision").asLong()).isEqualTo(2);

        f.changed(source, 3, cell("Rates!B2", "Rates", 1, 1, "closed"));
        List<String> two = TopicReader.read(TOPIC, key, 2, m -> true);
        JsonNode latest = codec.decode(two.getLast()).orElseThrow().payload();
        assertThat(latest.get("value").asString())
                .as("the last record per key is the latest value")
                .isEqualTo("closed");
        assertThat(latest.get("type").asString()).isEqualTo("text");
        assertThat(latest.get("sourceRevision").asLong()).isEqualTo(3);

        assertThat(f.http.delete(f.links() + "/" + first).status()).isEqualTo(204);
        assertThat(f.http.delete(f.links() + "/" + second).status()).isEqualTo(204);
        List<String> all = TopicReader.read(TOPIC, key, 3, m -> true);
        assertThat(all.getLast())
                .as("a tombstone once the last link out of the cell went")
                .isNull();

        Map<String, List<String>> onTopic = everything();
        assertThat(onTopic.get(key))
                .as("two values and one tombstone: removing the first link left the cell linked")
                .hasSize(3)
                .last()
                .isNull();
        assertThat(onTopic).as("a cell no link reads is not on the topic").doesNotContainKey(unlinked);
    }

    @Test
    void aNewLinksFirstValueIsTheStateAndTheSourceWorkbookDeletedLeavesATombstone() {
        UUID source = f.workbook("Rates");
        UUID destination = f.workbook("Budget");
        String id = f.link(workbookLink(source, "Rates!A1:A2", destination, "Sheet1!C3:C4"))
                .get("id")
                .asString();
        f.answerRequest(source, id, 4, cell("Rates!A1", "Rates", 0, 0, true), cell("Rates!A2", "Rates", 1, 0, 5));
        String a1 = source + "!Rates!A1";
        JsonNode value = codec.decode(TopicReader.read(TOPIC, a1, 1, m -> true).getFirst())
                .orElseThrow()
                .payload();
        assertThat(value.get("value").asBoolean()).isTrue();
        assertThat(value.get("sourceRevision").asLong()).isEqualTo(4);

        f.sendWorkbook(source, f.workbookEvent(source, new Fixture.WorkbookDeleted(source, 5)));
        assertThat(TopicReader.read(TOPIC, a1, 2, m -> true).getLast()).isNull();
        assertThat(TopicReader.read(TOPIC, source + "!Rates!A2", 2, m -> true).getLast())
                .isNull();
    }

    /** Every message of the topic by key, in log order, read from the beginning up to its end now. */
    private static Map<String, List<String>> everything() {
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        TopicReader.readToEnd(TOPIC)
                .forEach(r ->
                        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        return byKey;
    }
}
