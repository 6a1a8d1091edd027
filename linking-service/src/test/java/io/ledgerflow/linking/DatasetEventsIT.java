package io.ledgerflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
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
 * The consumer side of data-sharing's dataset contract: each sample of event-log's contracts
 * (fresh ids, the owner and grantee workspaces of the test) goes through the real broker, and its
 * effect is asserted — datasets known, field and slice values carried, grants honoured (columns,
 * row filter), a revoked grant stopping its links.
 */
@IntegrationTest
class DatasetEventsIT {

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    String owner;
    String grantee;
    UUID dataset;
    Fixture ownerSide;
    Fixture granteeSide;

    @BeforeEach
    void setUp() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = "own-" + suffix;
        grantee = "gra-" + suffix;
        dataset = UUID.randomUUID();
        ownerSide = new Fixture(port, owner, events, codec, kafka);
        granteeSide = new Fixture(port, grantee, events, codec, kafka);
    }

    /** The contract sample with this test's dataset, workspaces and a fresh event id. */
    private void sample(String type, Map<String, String> replace) throws Exception {
        ownerSide.datasetSample(type, dataset, owner, grantee, replace);
    }

    private void sample(String type) throws Exception {
        sample(type, Map.of());
    }

    private String datasetLink(String workspace, String column, String keyJson, UUID destination, String ref) {
        return "{\"source\":{\"type\":\"dataset\",\"workspace\":\"" + workspace + "\",\"documentId\":\"" + dataset
                + "\",\"column\":\"" + column + "\"," + keyJson + "},\"destination\":{\"workbookId\":\""
                + destination + "\",\"ref\":\"" + ref + "\"}}";
    }

    @Test
    void aDatasetsRowsFlowIntoFieldAndSliceLinksFromTheFirstMoment() throws Exception {
        sample("DatasetCreated");
        sample("DatasetVersionPublished");
        sample("DatasetRowsChanged"); // version 2: EUR 1.0825, CHF 1.1310, JPY deleted
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownerSide
                        .http
                        .get("/api/linking/workspaces/" + owner + "/documents")
                        .body()
                        .contains("\"latest\":2"));
        UUID budget = ownerSide.workbook("Budget");

        JsonNode field = ownerSide.link(datasetLink(owner, "rate", "\"key\":[\"EUR\"]", budget, "Sheet1!B2"));
        EventEnvelope initial = ownerSide.linkedValues(budget, 1).getFirst();
        assertThat(Fixture.values(initial)).containsOnly(Map.entry("Sheet1!B2", 1.0825));
        assertThat(initial.payload().get("sourceRevision").asLong()).isEqualTo(2);
        assertThat(Fixture.firstLink(initial).get("column").asString()).isEqualTo("rate");

        ownerSide.link(datasetLink(owner, "rate", "\"keys\":[[\"CHF\"],[\"EUR\"],[\"JPY\"]]", budget, "Sheet1!D1:D3"));
        EventEnvelope slice = ownerSide.linkedValues(budget, 2).get(1);
        assertThat(Fixture.values(slice))
                .as("the deleted JPY row empties its cell")
                .containsOnly(
                        Map.entry("Sheet1!D1", 1.131),
                        Map.entry("Sheet1!D2", 1.0825),
                        new java.util.AbstractMap.SimpleEntry<>("Sheet1!D3", null));

        Http.Response wrongShape = ownerSide.http.postJson(
                ownerSide.links(),
                datasetLink(owner, "rate", "\"keys\":[[\"CHF\"],[\"EUR\"]]", budget, "Sheet1!E1:F2"));
        assertThat(wrongShape.status()).isEqualTo(422);
        assertThat(wrongShape.body()).contains("destination.ref");
        Http.Response noKey =
                ownerSide.http.postJson(ownerSide.links(), datasetLink(owner, "rate", "\"x\":1", budget, "Sheet1!E1"));
        assertThat(noKey.status()).isEqualTo(422);
        assertThat(noKey.body()).contains("source.key");

        sample("DatasetRowsChanged", Map.of("\"version\": 2", "\"version\": 3", "1.0825", "1.5"));
        EventEnvelope changed = ownerSide.linkedValues(budget, 3).get(2);
        assertThat(changed.payload().get("links"))
                .as("both links into the workbook, in one event")
                .extracting(link -> link.get("linkId").asString())
                .contains(field.get("id").asString())
                .hasSize(2);
        assertThat(Fixture.values(changed)).containsEntry("Sheet1!B2", 1.5).containsEntry("Sheet1!D2", 1.5);
    }

    @Test
    void aGrantLetsAnotherWorkspaceLinkWithinItsColumnsAndRowsUntilRevoked() throws Exception {
        sample("DatasetCreated");
        sample(
                "DatasetRowsChanged",
                Map.of(
                        "\"key\": [\"JPY\"], \"change\": \"deleted\"",
                        "\"key\": [\"RUB\"], \"change\": \"inserted\","
                                + " \"values\": {\"currency\": \"RUB\", \"rate\": 0.011, \"asOf\": \"2026-12-01\"}"));
        UUID theirs = granteeSide.workbook("Their budget");
        Http.Response beforeGrant = granteeSide.http.postJson(
                granteeSide.links(), datasetLink(owner, "rate", "\"key\":[\"EUR\"]", theirs, "Sheet1!A1"));
        assertThat(beforeGrant.status()).isEqualTo(422);
        assertThat(beforeGrant.body()).contains("source.documentId");

        sample("DatasetShared"); // columns currency, rate; rows where currency ne RUB
        await().atMost(Duration.ofSeconds(30))
                .until(() -> granteeSide
                                .http
                                .postJson(
                                        granteeSide.links(),
                                        datasetLink(owner, "rate", "\"key\":[\"EUR\"]", theirs, "Sheet1!A1"))
                                .status()
                        == 201);
        assertThat(Fixture.values(granteeSide.linkedValues(theirs, 1).getFirst()))
                .containsOnly(Map.entry("Sheet1!A1", 1.0825));
        JsonNode link = granteeSide.get(granteeSide.links()).get(0);
        assertThat(link.get("sourceWorkspace").asString()).isEqualTo(owner);

        Http.Response column = granteeSide.http.postJson(
                granteeSide.links(), datasetLink(owner, "asOf", "\"key\":[\"EUR\"]", theirs, "Sheet1!A2"));
        assertThat(column.status()).isEqualTo(422);
        assertThat(column.body()).contains("source.column");
        Http.Response filtered = granteeSide.http.postJson(
                granteeSide.links(), datasetLink(owner, "rate", "\"key\":[\"RUB\"]", theirs, "Sheet1!A3"));
        assertThat(filtered.status()).isEqualTo(422);
        assertThat(filtered.body()).contains("source.key");
        assertThat(ownerSide.get(ownerSide.links()))
                .as("the owner sees none of the grantee's links")
                .isEmpty();

        sample("DatasetShareRevoked");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> granteeSide
                        .get(granteeSide.links() + "/" + link.get("id").asString())
                        .get("status")
                        .asString()
                        .equals("revoked"));
        sample("DatasetRowsChanged", Map.of("\"version\": 2", "\"version\": 3", "1.0825", "2.0"));
        // The revoked link carries nothing more: a marker link in the grantee's workbook from its own
        // dataset arrives as the next (second) message for that workbook.
        UUID own = UUID.randomUUID();
        UUID marker = dataset;
        dataset = own;
        owner = grantee;
        sample("DatasetCreated");
        sample("DatasetRowsChanged");
        granteeSide.awaitDocument(own);
        granteeSide.link(datasetLink(grantee, "rate", "\"key\":[\"CHF\"]", theirs, "Sheet1!B1"));
        List<EventEnvelope> carried = granteeSide.linkedValues(theirs, 2);
        assertThat(carried.get(1).payload().get("source").get("documentId").asString())
                .as("nothing from the revoked link (%s) in between", marker)
                .isEqualTo(own.toString());
    }

    @Test
    void aDeletedWorkbookBreaksItsLinks() {
        UUID source = ownerSide.workbook("Rates");
        UUID destination = ownerSide.workbook("Budget");
        JsonNode link = ownerSide.link(Fixture.workbookLink(source, "Rates!A1", destination, "Sheet1!A1"));
        ownerSide.sendWorkbook(source, ownerSide.workbookEvent(source, new Fixture.WorkbookDeleted(source, 2)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownerSide
                        .get(ownerSide.links() + "/" + link.get("id").asString())
                        .get("status")
                        .asString()
                        .equals("broken"));
        assertThat(ownerSide
                        .get(ownerSide.links() + "/" + link.get("id").asString())
                        .get("statusReason")
                        .asString())
                .contains(source.toString());
        EventEnvelope state = ownerSide.linkStates(destination, 1).getFirst();
        assertThat(state.payload().get("sourceDeleted").asBoolean())
                .as("its source went: the destination shows #REF!")
                .isTrue();
        assertThat(state.payload().get("destinationRef").asString()).isEqualTo("Sheet1!A1");
    }

    @Test
    void aDeletedDatasetBreaksItsLinksAndTheirDestinationsShowRefErrors() throws Exception {
        sample("DatasetCreated");
        sample("DatasetRowsChanged");
        ownerSide.awaitDocument(dataset);
        UUID budget = ownerSide.workbook("Budget");
        JsonNode field = ownerSide.link(datasetLink(owner, "rate", "\"key\":[\"EUR\"]", budget, "Sheet1!B2"));
        EventEnvelope initial = ownerSide.linkedValues(budget, 1).getFirst();
        assertThat(Fixture.firstLink(initial)
                        .get("values")
                        .get(0)
                        .get("sourceRef")
                        .asString())
                .isEqualTo("rate[EUR]");

        sample("DatasetDeleted");
        sample("DatasetDeleted"); // redelivered under a new id: the link was broken once
        String id = field.get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownerSide
                        .get(ownerSide.links() + "/" + id)
                        .get("status")
                        .asString()
                        .equals("broken"));
        EventEnvelope state = ownerSide.linkStates(budget, 1).getFirst();
        assertThat(state.payload().get("linkId").asString()).isEqualTo(id);
        assertThat(state.payload().get("sourceDeleted").asBoolean()).isTrue();
        assertThat(ownerSide
                        .http
                        .get("/api/linking/workspaces/" + owner + "/documents")
                        .body())
                .as("the dataset left the catalogue")
                .doesNotContain(dataset.toString());
        Http.Response onDeleted = ownerSide.http.postJson(
                ownerSide.links(), datasetLink(owner, "rate", "\"key\":[\"CHF\"]", budget, "Sheet1!C2"));
        assertThat(onDeleted.status()).isEqualTo(422);
        assertThat(onDeleted.body()).contains("source.documentId");
    }
}
