package io.ledgerflow.calculation.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/** Revisions, diffs, history, dependencies and explanations over real HTTP and PostgreSQL. */
@IntegrationTest
class RevisionApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    Http http;
    String base;

    @BeforeEach
    void workbookWithThreeRevisions() {
        http = new Http("http://localhost:" + port);
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"History\",\"sheets\":{\"Sheet1\":[[10,20,\"=A1+B1\"],[\"=C1*2\",null,null]]}}");
        base = "/api/calc/workspaces/" + workspace + "/workbooks/"
                + JSON.readTree(created.body()).get("id").asString();
        assertThat(http.putJson(base + "/cells/Sheet1!A1", "{\"content\":15}").status())
                .isEqualTo(200);
        assertThat(http.putJson(base + "/cells/Sheet1!B1", "{\"content\":25}").status())
                .isEqualTo(200);
    }

    @Test
    void revisionsAreListedNewestFirst() {
        JsonNode list = get(base + "/revisions");
        assertThat(list).hasSize(3);
        assertThat(list.get(0).get("revision").asLong()).isEqualTo(3);
        assertThat(list.get(0).get("kind").asString()).isEqualTo("set-cells");
        assertThat(list.get(2).get("kind").asString()).isEqualTo("create");
    }

    @Test
    void aDiffNamesTheCellsWhoseContentsOrValuesChanged() {
        assertThat(refs(get(base + "/revisions/3/diff?from=1").get("cells")))
                .containsExactlyInAnyOrder("Sheet1!A1", "Sheet1!B1", "Sheet1!C1", "Sheet1!A2");
        JsonNode lastStep = get(base + "/revisions/3/diff?from=2").get("cells");
        assertThat(refs(lastStep)).containsExactlyInAnyOrder("Sheet1!B1", "Sheet1!C1", "Sheet1!A2");
        JsonNode c1 = lastStep.get(refs(lastStep).indexOf("Sheet1!C1"));
        assertThat(c1.get("valueBefore").get("value").asDouble()).isEqualTo(35.0);
        assertThat(c1.get("valueAfter").get("value").asDouble()).isEqualTo(40.0);
        assertThat(http.get(base + "/revisions/9/diff?from=1").status()).isEqualTo(422);
    }

    @Test
    void aCellsHistoryHasEveryValueItTook() {
        JsonNode entries = get(base + "/cells/Sheet1!C1/history").get("entries");
        List<Double> values = new ArrayList<>();
        List<Long> revisions = new ArrayList<>();
        entries.forEach(entry -> {
            values.add(entry.get("value").get("value").asDouble());
            revisions.add(entry.get("revision").asLong());
        });
        assertThat(values).containsExactly(30.0, 35.0, 40.0);
        assertThat(revisions).containsExactly(1L, 2L, 3L);
    }

    @Test
    void precedentsAndDependentsAreFollowedToADepth() {
        JsonNode precedents = get(base + "/cells/Sheet1!A2/dependencies?direction=precedents&depth=2");
        assertThat(refs(precedents.get("cells"))).containsExactly("Sheet1!C1", "Sheet1!A1", "Sheet1!B1");
        assertThat(refs(get(base + "/cells/Sheet1!A2/dependencies?direction=precedents&depth=1")
                        .get("cells")))
                .containsExactly("Sheet1!C1");
        JsonNode dependents = get(base + "/cells/Sheet1!A1/dependencies?direction=dependents&depth=5");
        assertThat(refs(dependents.get("cells"))).containsExactly("Sheet1!C1", "Sheet1!A2");
        assertThat(http.get(base + "/cells/Sheet1!A1/dependencies?direction=sideways")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aCalledLambdaFollowsItsArgumentAndIsItsDependent() {
        Http.Response created = http.postJson(
                base.substring(0, base.lastIndexOf('/')),
                "{\"name\":\"Lambda\",\"sheets\":{\"Sheet1\":[[2,\"=LAMBDA(x,x*10)(A1)\"]]}}");
        String lambda = base.substring(0, base.lastIndexOf('/') + 1)
                + JSON.readTree(created.body()).get("id").asString();

        assertThat(http.putJson(lambda + "/cells/Sheet1!A1", "{\"content\":3}").status())
                .isEqualTo(200);

        assertThat(get(lambda + "/cells/Sheet1!B1")
                        .get("cells")
                        .get(0)
                        .get("value")
                        .get("value")
                        .asDouble())
                .isEqualTo(30.0);
        assertThat(refs(get(lambda + "/cells/Sheet1!A1/dependencies?direction=dependents")
                        .get("cells")))
                .containsExactly("Sheet1!B1");
        assertThat(refs(get(lambda + "/cells/Sheet1!B1/dependencies?direction=precedents")
                        .get("cells")))
                .containsExactly("Sheet1!A1");
    }

    @Test
    void anExplanationDerivesAValueAndMarksInputsFromOutside() throws Exception {
        JsonNode explained = get(base + "/cells/Sheet1!A2/explain?depth=2");
        assertThat(explained.get("formula").asString()).isEqualTo("=C1*2");
        assertThat(explained.get("value").get("value").asDouble()).isEqualTo(80.0);
        JsonNode c1 = explained.get("inputs").get(0);
        assertThat(c1.get("ref").asString()).isEqualTo("Sheet1!C1");
        assertThat(refs(c1.get("inputs"))).containsExactly("Sheet1!A1", "Sheet1!B1");

        String workbookId = base.substring(base.lastIndexOf('/') + 1);
        String workspace = base.split("/")[4];
        var linked = events.envelope(
                "workbook",
                workbookId,
                workspace,
                new TestLinkedValuesSet(
                        UUID.fromString(workbookId), "link-7", 4, List.of(Map.of("ref", "Sheet1!B1", "value", 5))));
        kafka.send(Topics.Linking.LINKED_VALUES.name(), workbookId, codec.encode(linked))
                .get();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(base).get("revision").asLong() == 4);

        JsonNode withLink = get(base + "/cells/Sheet1!C1/explain?depth=1");
        assertThat(withLink.get("value").get("value").asDouble()).isEqualTo(20.0);
        JsonNode b1 = withLink.get("inputs").get(1);
        assertThat(b1.get("external").get("linkId").asString()).isEqualTo("link-7");
        assertThat(b1.get("external").get("sourceRevision").asLong()).isEqualTo(4);
        assertThat(withLink.get("inputs").get(0).has("external")).isFalse();
        JsonNode before = get(base + "/cells/Sheet1!C1/explain?depth=1&revision=3");
        assertThat(before.get("inputs").get(1).has("external")).isFalse();

        // A user's own write replaces the linked value: the input is no longer external.
        assertThat(http.putJson(base + "/cells/Sheet1!B1", "{\"content\":6}").status())
                .isEqualTo(200);
        JsonNode overwritten = get(base + "/cells/Sheet1!C1/explain?depth=1");
        assertThat(overwritten.get("inputs").get(1).has("external")).isFalse();
        assertThat(overwritten.get("inputs").get(0).has("external")).isFalse();
    }

    record TestLinkedValuesSet(
            UUID destinationWorkbookId, String linkId, long sourceRevision, List<Map<String, Object>> values)
            implements io.ledgerflow.eventlog.DomainEvent {
        @Override
        public String eventType() {
            return "LinkedValuesSet";
        }
    }

    private JsonNode get(String path) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> refs(JsonNode cells) {
        List<String> refs = new ArrayList<>();
        cells.forEach(cell -> refs.add(cell.get("ref").asString()));
        return refs;
    }
}
