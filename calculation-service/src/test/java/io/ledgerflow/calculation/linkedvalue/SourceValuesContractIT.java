package io.ledgerflow.calculation.linkedvalue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linking asks for a new link's current source values through the log: the SourceValuesRequested
 * sample (consumer side) is answered once with a SourceValuesReported shaped like its sample
 * (producer side), carrying every cell of the range at the workbook's revision.
 */
@IntegrationTest
class SourceValuesContractIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void aRequestIsAnsweredOnceWithTheRangesCurrentValues() throws Exception {
        Http http = new Http("http://localhost:" + port);
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Rates\",\"sheets\":{\"Src\":[[1.0825,\"EUR\"],[null,\"=1/0\"]]}}");
        String workbookId = JSON.readTree(created.body()).get("id").asString();
        String linkId = UUID.randomUUID().toString();

        ObjectNode request = (ObjectNode) sample("SourceValuesRequested");
        request.put("id", UUID.randomUUID().toString());
        request.put("tenant", workspace);
        request.put("aggregateId", linkId);
        ((ObjectNode) request.get("payload")).put("workbookId", workbookId).put("linkId", linkId);
        kafka.send(Topics.Linking.LINK_EVENTS.name(), linkId, request.toString())
                .get();
        kafka.send(Topics.Linking.LINK_EVENTS.name(), linkId, request.toString())
                .get(); // redelivered

        // A second request behind both copies marks that they were consumed.
        ObjectNode marker = request.deepCopy();
        marker.put("id", UUID.randomUUID().toString());
        ((ObjectNode) marker.get("payload")).put("ref", "Src!B1");
        kafka.send(Topics.Linking.LINK_EVENTS.name(), linkId, marker.toString()).get();

        var answers = TopicReader.read(
                Topics.Calculation.WORKBOOK_EVENTS.name(), workbookId, 2, m -> m.contains("SourceValuesReported"));
        JsonNode answer = JSON.readTree(answers.get(0));
        assertSameShape(sample("SourceValuesReported"), answer, "");
        JsonNode payload = answer.get("payload");
        assertThat(payload.get("linkId").asString()).isEqualTo(linkId);
        assertThat(payload.get("revision").asLong()).isEqualTo(1);
        assertThat(payload.get("ref").asString()).isEqualTo("'Src'!A1:B2");
        assertThat(payload.get("cells")).hasSize(4);
        assertThat(payload.get("cells").get(0).get("newValue").get("value").asDouble())
                .isEqualTo(1.0825);
        assertThat(payload.get("cells").get(3).get("newValue").get("type").asString())
                .isEqualTo("error");
        assertThat(JSON.readTree(answers.get(1)).get("payload").get("ref").asString())
                .as("the redelivered request was not answered twice")
                .isEqualTo("'Src'!B1");
    }

    private static JsonNode sample(String type) throws Exception {
        try (InputStream in = SourceValuesContractIT.class.getResourceAsStream("/contracts/" + type + ".v1.json")) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void assertSameShape(JsonNode sample, JsonNode produced, String path) {
        assertThat(produced).as("field " + path).isNotNull();
        if (sample.isObject()) {
            for (Iterator<String> names = sample.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                assertSameShape(sample.get(name), produced.get(name), path + "." + name);
            }
        } else if (sample.isArray()) {
            assertThat(produced.isArray()).as(path).isTrue();
            if (!sample.isEmpty()) {
                assertSameShape(sample.get(0), produced.get(0), path + "[0]");
            }
        } else if (!sample.isNull()) {
            assertThat(produced.getNodeType()).as(path).isEqualTo(sample.getNodeType());
        }
    }
}
