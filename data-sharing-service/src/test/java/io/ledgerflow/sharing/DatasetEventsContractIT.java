package io.ledgerflow.sharing;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.sharing.publish.PublishEvents;
import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The producer side of the dataset event contracts (event-log's {@code contracts/Dataset*.v1.json}):
 * what the service writes to Kafka has every field of each sample, with the same JSON type, keyed by
 * the dataset id with the owning workspace as tenant.
 */
@io.ledgerflow.testsupport.IntegrationTest
class DatasetEventsContractIT {

    private static final List<String> TYPES = List.of(
            "DatasetCreated",
            "DatasetVersionPublished",
            "DatasetRowsChanged",
            "DatasetShared",
            "DatasetShareRevoked",
            "DatasetDeleted");

    @LocalServerPort
    int port;

    @Test
    void everyDatasetEventHasTheFieldsOfItsContractSample() throws IOException {
        SharingApi api = new SharingApi(port, "acme");
        String id = api.create(SharingApi.FX_RATES);
        api.published(
                id,
                "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08,\"asOf\":\"2026-11-30\"},"
                        + "{\"currency\":\"JPY\",\"rate\":0.0067,\"asOf\":\"2026-11-30\"}]}");
        api.published(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.0825,\"asOf\":\"2026-12-01\"},"
                        + "{\"currency\":\"CHF\",\"rate\":1.131,\"asOf\":\"2026-12-01\"}],\"delete\":[{\"currency\":\"JPY\"}]}");
        String grant = JSON.readTree(api.http
                        .postJson(
                                api.dataset(id) + "/grants",
                                "{\"grantee\":\"globex\",\"columns\":[\"currency\",\"rate\"],"
                                        + "\"rowFilter\":[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]}")
                        .body())
                .get("id")
                .asString();
        assertThat(api.http.delete(api.dataset(id) + "/grants/" + grant).status())
                .isEqualTo(200);
        assertThat(api.http.delete(api.dataset(id)).status()).isEqualTo(204);
        assertThat(api.http.get(api.dataset(id)).status()).as("gone for reads").isEqualTo(404);
        assertThat(api.http
                        .postJson(api.dataset(id) + "/versions", "{\"rows\":[]}")
                        .status())
                .as("and for publishes")
                .isEqualTo(404);
        assertThat(api.http.delete(api.dataset(id)).status()).as("deleted once").isEqualTo(404);

        List<JsonNode> events = new ArrayList<>();
        TopicReader.read(Topics.Sharing.DATASET_EVENTS.name(), id, 8, m -> true)
                .forEach(m -> events.add(JSON.readTree(m)));
        assertThat(events)
                .extracting(e -> e.get("type").asString())
                .containsExactly(
                        "DatasetCreated",
                        "DatasetVersionPublished",
                        "DatasetRowsChanged",
                        "DatasetVersionPublished",
                        "DatasetRowsChanged",
                        "DatasetShared",
                        "DatasetShareRevoked",
                        "DatasetDeleted");
        Map<String, JsonNode> last = new LinkedHashMap<>();
        events.forEach(e -> last.put(e.get("type").asString(), e));
        for (String type : TYPES) {
            JsonNode sample = sample(type);
            JsonNode actual = last.get(type);
            List<String> problems = new ArrayList<>();
            conforms(sample, actual, "$", problems);
            assertThat(problems).as(type + " against its sample: " + actual).isEmpty();
            assertThat(actual.get("aggregateId").asString()).isEqualTo(id);
            assertThat(actual.get("tenant").asString()).isEqualTo(api.workspace);
            assertThat(actual.get("payload").get("workspace").asString()).isEqualTo(api.workspace);
        }
        JsonNode rows = last.get("DatasetRowsChanged").get("payload").get("rows");
        assertThat(rows)
                .extracting(r ->
                        r.get("key").get(0).asString() + " " + r.get("change").asString())
                .containsExactly("CHF inserted", "EUR updated", "JPY deleted");
        // every column's value as published (dates as text), in the schema's column order (read as doubles here)
        assertThat(rows)
                .extracting(r -> r.path("values").toString())
                .containsExactly(
                        "{\"currency\":\"CHF\",\"rate\":1.131,\"asOf\":\"2026-12-01\"}",
                        "{\"currency\":\"EUR\",\"rate\":1.0825,\"asOf\":\"2026-12-01\"}",
                        "");
        PublishEvents.DatasetRowsChanged read =
                JSON.treeToValue(last.get("DatasetRowsChanged").get("payload"), PublishEvents.DatasetRowsChanged.class);
        assertThat(read.rows())
                .as("the contract record reads what the publisher wrote")
                .extracting(PublishEvents.ChangedRow::key, PublishEvents.ChangedRow::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of("CHF"), "inserted"),
                        org.assertj.core.groups.Tuple.tuple(List.of("EUR"), "updated"),
                        org.assertj.core.groups.Tuple.tuple(List.of("JPY"), "deleted"));
        assertThat(List.of(read.chunk(), read.chunks())).containsExactly(0, 1);
        assertThat(last.get("DatasetCreated")
                        .get("payload")
                        .get("primaryKey")
                        .get(0)
                        .asString())
                .isEqualTo("currency");
    }

    /** Every field of the sample is in the actual JSON with the same type; each array element of the sample matches one. */
    static void conforms(JsonNode sample, JsonNode actual, String path, List<String> problems) {
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " is missing");
            return;
        }
        if (path.equals("$.causationId") && actual.isNull()) {
            return; // the envelope's: an event a request caused (not another event) has none
        }
        if (sample.getNodeType() != actual.getNodeType()) {
            problems.add(path + " is " + actual.getNodeType() + ", the sample's " + sample.getNodeType());
            return;
        }
        if (sample.isObject()) {
            sample.properties()
                    .forEach(field -> conforms(
                            field.getValue(), actual.get(field.getKey()), path + "." + field.getKey(), problems));
        } else if (sample.isArray()) {
            for (int i = 0; i < sample.size(); i++) {
                JsonNode element = sample.get(i);
                boolean matched = false;
                for (JsonNode candidate : actual) {
                    List<String> nested = new ArrayList<>();
                    conforms(element, candidate, path, nested);
                    matched |= nested.isEmpty();
                }
                if (!matched) {
                    problems.add(path + "[" + i + "] has no counterpart shaped like " + element);
                }
            }
        }
    }

    private static JsonNode sample(String type) throws IOException {
        try (InputStream in = DatasetEventsContractIT.class.getResourceAsStream("/contracts/" + type + ".v1.json")) {
            assertThat(in).as("sample " + type).isNotNull();
            return JSON.readTree(in);
        }
    }
}
