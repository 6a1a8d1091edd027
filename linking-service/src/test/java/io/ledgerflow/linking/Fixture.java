package io.ledgerflow.linking;

import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the other services publish, as producer-side stand-ins, and the calls the tests make:
 * workbooks and datasets learnt from the log, links created over HTTP, LinkedValuesSet read back.
 */
final class Fixture {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record WorkbookCreated(UUID workbookId, String name, long revision) implements DomainEvent {}

    record WorkbookDeleted(UUID workbookId, long revision) implements DomainEvent {}

    record CellValuesChanged(UUID workbookId, long revision, int chunk, int chunks, List<Map<String, Object>> cells)
            implements DomainEvent {}

    record SourceValuesReported(UUID workbookId, UUID linkId, long revision, List<Map<String, Object>> cells)
            implements DomainEvent {}

    final Http http;
    final String workspace;
    private final EventFactory events;
    private final EnvelopeCodec codec;
    private final KafkaTemplate<String, String> kafka;

    Fixture(int port, String workspace, EventFactory events, EnvelopeCodec codec, KafkaTemplate<String, String> kafka) {
        this.http = new Http("http://localhost:" + port);
        this.workspace = workspace;
        this.events = events;
        this.codec = codec;
        this.kafka = kafka;
    }

    /** One changed cell as calculation publishes it (canonical, quoted ref plus its address). */
    static Map<String, Object> cell(String ref, String sheet, int row, int col, Object value) {
        return Map.of(
                "ref",
                ref,
                "sheet",
                sheet,
                "row",
                row,
                "col",
                col,
                "newValue",
                Map.of("type", type(value), "value", value));
    }

    private static String type(Object value) {
        return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "text";
    }

    EventEnvelope workbookEvent(UUID workbook, DomainEvent event) {
        return events.envelope("workbook", workbook.toString(), workspace, event);
    }

    void send(String topic, String key, String message) {
        try {
            kafka.send(topic, key, message).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void sendWorkbook(UUID workbook, EventEnvelope envelope) {
        send(Topics.Calculation.WORKBOOK_EVENTS.name(), workbook.toString(), codec.encode(envelope));
    }

    /**
     * Sends data-sharing's contract sample {@code type} (event-log's {@code contracts/<type>.v1.json}) about
     * {@code dataset}, owned by {@code owner} and shared with {@code grantee}, under a fresh event id, after the
     * replacements given; returns the envelope sent.
     */
    /** The grant id in data-sharing's contract samples (DatasetShared, DatasetShareRevoked). */
    static final String SAMPLE_GRANT = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";

    EventEnvelope datasetSample(String type, UUID dataset, String owner, String grantee, Map<String, String> replace) {
        String text;
        try (java.io.InputStream in = getClass().getResourceAsStream("/contracts/" + type + ".v1.json")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        text = text.replace("5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", dataset.toString())
                .replace("\"acme\"", "\"" + owner + "\"")
                .replace("\"globex\"", "\"" + grantee + "\"");
        for (Map.Entry<String, String> r : replace.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new AssertionError(r.getKey() + " is not in the " + type + " sample");
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        // the samples' one grant id, made the dataset's own: grants of different datasets are different rows, and
        // a replay (which interleaves datasets' partitions in another order than live) must not mix them up
        text = text.replace(
                SAMPLE_GRANT,
                UUID.nameUUIDFromBytes(("grant of " + dataset).getBytes()).toString());
        JsonNode tree = JSON.readTree(text);
        ((tools.jackson.databind.node.ObjectNode) tree)
                .put("id", UUID.randomUUID().toString());
        text = JSON.writeValueAsString(tree);
        send(Topics.Sharing.DATASET_EVENTS.name(), dataset.toString(), text);
        return codec.decode(text).orElseThrow();
    }

    UUID workbook(String name) {
        UUID id = UUID.randomUUID();
        sendWorkbook(id, workbookEvent(id, new WorkbookCreated(id, name, 1)));
        awaitDocument(id);
        return id;
    }

    void awaitDocument(UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/linking/workspaces/" + workspace + "/documents?size=1000")
                        .body()
                        .contains(id.toString()));
    }

    EventEnvelope changed(UUID workbook, long revision, Map<String, Object>... cells) {
        EventEnvelope envelope =
                workbookEvent(workbook, new CellValuesChanged(workbook, revision, 1, 1, List.of(cells)));
        sendWorkbook(workbook, envelope);
        return envelope;
    }

    String links() {
        return "/api/linking/workspaces/" + workspace + "/links";
    }

    static String workbookLink(UUID source, String ref, UUID destination, String cell) {
        return "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"" + ref
                + "\"},\"destination\":{\"workbookId\":\"" + destination + "\",\"ref\":\"" + cell + "\"}}";
    }

    /** Creates a link (201 expected) and returns it. */
    JsonNode link(String body) {
        Http.Response created = http.postJson(links(), body);
        if (created.status() != 201) {
            throw new AssertionError("expected 201, got " + created.status() + ": " + created.body());
        }
        return JSON.readTree(created.body());
    }

    JsonNode get(String path) {
        return JSON.readTree(http.get(path).body());
    }

    /** The first {@code count} LinkedValuesSet events for the destination, in log order. */
    List<EventEnvelope> linkedValues(UUID destination, int count) {
        return forDestination(destination, "LinkedValuesSet", count);
    }

    /** The first {@code count} LinkStateChanged events for the destination, in log order. */
    List<EventEnvelope> linkStates(UUID destination, int count) {
        return forDestination(destination, "LinkStateChanged", count);
    }

    private List<EventEnvelope> forDestination(UUID destination, String type, int count) {
        return TopicReader.read(
                        Topics.Linking.LINKED_VALUES.name(),
                        destination.toString(),
                        count,
                        m -> m.contains("\"" + type + "\""))
                .stream()
                .map(m -> codec.decode(m).orElseThrow())
                .filter(e -> e.type().equals(type))
                .toList();
    }

    /** Values by destination ref of one LinkedValuesSet (v2: every link's), {@code #REF!} for a carried error. */
    static Map<String, Object> values(EventEnvelope event) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        event.payload()
                .get("links")
                .forEach(link -> link.get("values").forEach(v -> {
                    JsonNode error = v.get("error");
                    values.put(
                            v.get("ref").asString(),
                            error != null && !error.isNull() ? error.asString() : plain(v.get("value")));
                }));
        return values;
    }

    /** The first link of one LinkedValuesSet v2 (most events carry one). */
    static JsonNode firstLink(EventEnvelope event) {
        return event.payload().get("links").get(0);
    }

    /** The first link's state in a LinkStateChanged v2 (one per destination workbook). */
    static JsonNode firstState(EventEnvelope event) {
        return event.payload().get("links").get(0);
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber()
                ? (Object) node.asDouble()
                : node.isBoolean() ? (Object) node.asBoolean() : node.asString();
    }

    /** Plays calculation: answers the link's SourceValuesRequested with these cells at {@code revision}. */
    void answerRequest(UUID source, String linkId, long revision, Map<String, Object>... cells) {
        TopicReader.read(Topics.Linking.LINK_EVENTS.name(), linkId, 1, m -> m.contains("\"SourceValuesRequested\""));
        sendWorkbook(
                source,
                workbookEvent(
                        source, new SourceValuesReported(source, UUID.fromString(linkId), revision, List.of(cells))));
    }
}
