package io.ledgerflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.testsupport.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Linking as the cross-document data-flow graph, on the whole stack and through the gateway only
 * (issue 11's system test): a dataset of one workspace shared with another, linked into a chain of
 * three of the grantee's workbooks (dataset → A!Src!A1 → B!Dst!A1 auto → C!Tax!A1 manual), a
 * formula over the linked cell recalculating in each; a link closing the chain refused with its
 * path; lineage and impact along it, at cell granularity (lineage follows links, so the chain runs
 * through the linked cells); a new dataset version carried down to the manual hop and published; an
 * explain of C's formula that follows the links into B, A and the dataset's version and row; and
 * A's source sheet deleted, its {@code #REF!} carried down the chain to C and C's formula.
 */
class LinkingGraphIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Http gateway;

    /** The shared stack: this test works in workspaces of its own and leaves the stack as it found it. */
    @BeforeAll
    static void theWholeStack() {
        LocalStack stack = SystemStacks.shared();
        gateway = new Http(stack.endpoints().gatewayUrl());
    }

    @Test
    void aDatasetAndThreeWorkbooksAcrossWorkspacesFlowPublishExplainAndCarryARefError() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-" + suffix;
        String globex = "globex-" + suffix;

        // acme's dataset, version 1, shared with globex
        String datasets = "/api/sharing/workspaces/" + acme + "/datasets";
        Http.Response created = gateway.postJson(
                datasets,
                "{\"name\":\"FX rates\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
                        + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4}],\"primaryKey\":[\"currency\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String dataset = JSON.readTree(created.body()).get("id").asString();
        Http.Response v1 = gateway.send(
                "POST", datasets + "/" + dataset + "/versions?kind=full", "text/csv", "currency,rate\nEUR,1.08\n");
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        Http.Response grant =
                gateway.postJson(datasets + "/" + dataset + "/grants", "{\"grantee\":\"" + globex + "\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);

        // globex's chain: the rate in A1 of each, and a formula over it in B1
        String calc = "/api/calc/workspaces/" + globex + "/workbooks/";
        String links = "/api/linking/workspaces/" + globex + "/links";
        String a = workbook(globex, "{\"name\":\"A\",\"sheets\":{\"Src\":[[null,\"=A1*2\"]],\"Notes\":[[\"kept\"]]}}");
        String b = workbook(globex, "{\"name\":\"B\",\"sheets\":{\"Dst\":[[null,\"=A1+1\"]]}}");
        String c = workbook(globex, "{\"name\":\"C\",\"sheets\":{\"Tax\":[[null,\"=A1*10\"]]}}");
        for (String workbook : List.of(a, b, c)) {
            awaitLinkingKnows(globex, workbook);
        }
        // linking learns of the dataset, its rows and the grant from the log: retried until it has
        AtomicReference<Http.Response> fromDataset = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    fromDataset.set(gateway.postJson(
                            links,
                            "{\"source\":{\"type\":\"dataset\",\"workspace\":\"" + acme + "\",\"documentId\":\""
                                    + dataset
                                    + "\",\"column\":\"rate\",\"key\":[\"EUR\"]},\"destination\":{\"workbookId\":\"" + a
                                    + "\",\"ref\":\"Src!A1\"}}"));
                    return fromDataset.get().status() == 201;
                });
        awaitValue(calc + a + "/cells/Src!B1", 2.16); // the new link started with the row's value
        Http.Response ab = gateway.postJson(links, link(a, "Src!A1", b, "Dst!A1", "auto"));
        assertThat(ab.status()).as(ab.body()).isEqualTo(201);
        awaitValue(calc + b + "/cells/Dst!B1", 2.08);
        // the manual hop is made once B holds its value: its first values are B's at that moment, and a later
        // change of B would be held for a publish (the CI run of 10:01 made it first and saw C stay at 0)
        Http.Response bc = gateway.postJson(links, link(b, "Dst!A1", c, "Tax!A1", "manual"));
        assertThat(bc.status()).as(bc.body()).isEqualTo(201);
        awaitValue(calc + c + "/cells/Tax!B1", 10.8);

        // a link closing the chain is refused, naming every hop
        Http.Response cycle = gateway.postJson(links, link(c, "Tax!B1", a, "Src!C1", "auto"));
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(409);
        assertThat(cycle.isProblem()).isTrue();
        List<String> hops = new ArrayList<>();
        JSON.readTree(cycle.body())
                .get("cycle")
                .forEach(hop -> hops.add(hop.get("fromDocument").asString() + "→"
                        + hop.get("toDocument").asString()));
        assertThat(hops).containsExactly(a + "→" + b, b + "→" + c, c + "→" + a);

        // lineage from C up to the dataset; impact of the dataset's field: A, B and C
        JsonNode lineage = get("/api/linking/workspaces/" + globex + "/lineage?documentId=" + c
                + "&ref=Tax!A1&direction=upstream&depth=5");
        List<String> upstream = new ArrayList<>();
        lineage.get("upstream")
                .forEach(hop -> upstream.add(hop.get("from").get("document").asString()));
        assertThat(upstream).contains(b, a, dataset);
        JsonNode impact = get("/api/linking/workspaces/" + globex + "/impact?type=dataset&documentId=" + dataset
                + "&column=rate&key=EUR&depth=5");
        assertThat(impact.get("documentCount").asLong()).as(impact.toString()).isEqualTo(3);

        // version 2 of the dataset: the auto hops carry it, the manual one holds it until published
        Http.Response v2 = gateway.postJson(
                datasets + "/" + dataset + "/versions",
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.1}]}");
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        awaitValue(calc + b + "/cells/Dst!B1", 2.1);
        String bcId = JSON.readTree(bc.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(180))
                .until(() -> get(links + "/" + bcId).get("pending").asInt() > 0);
        assertThat(number(calc + c + "/cells/Tax!B1")).isEqualTo(10.8);
        assertThat(gateway.postJson(links + "/publish?document=" + b, "").body())
                .contains("\"published\":1");
        awaitValue(calc + c + "/cells/Tax!B1", 11.0);

        // explain C's cell: through B and A into the dataset's version and row, one call
        JsonNode explained = get(calc + c + "/cells/Tax!B1/explain?depth=10");
        JsonNode fromB = explained.get("inputs").get(0).get("external");
        assertThat(fromB.get("sourceDocumentId").asString()).isEqualTo(b);
        JsonNode fromA = fromB.get("explained").get("external");
        assertThat(fromA.get("sourceDocumentId").asString()).isEqualTo(a);
        JsonNode fromDatasetRow = fromA.get("explained").get("external");
        assertThat(fromDatasetRow.get("sourceType").asString()).isEqualTo("dataset");
        assertThat(fromDatasetRow.get("sourceDocumentId").asString()).isEqualTo(dataset);
        assertThat(fromDatasetRow.get("sourceRevision").asLong())
                .as("the dataset's version")
                .isEqualTo(2);
        assertThat(fromDatasetRow.get("sourceRef").asString()).contains("rate").contains("EUR");

        // A's source sheet goes: B shows #REF!, and so does C once the manual hop is published
        assertThat(gateway.delete(calc + a + "/sheets/Src").status()).isEqualTo(200);
        awaitError(calc + b + "/cells/Dst!A1");
        awaitError(calc + b + "/cells/Dst!B1");
        await().atMost(Duration.ofSeconds(180))
                .until(() -> get(links + "/" + bcId).get("pending").asInt() > 0);
        assertThat(gateway.postJson(links + "/" + bcId + "/publish", "").body()).contains("\"published\":1");
        awaitError(calc + c + "/cells/Tax!A1");
        awaitError(calc + c + "/cells/Tax!B1");
    }

    private static String link(String source, String ref, String destination, String cell, String mode) {
        return "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"" + ref
                + "\"},\"destination\":{\"workbookId\":\"" + destination + "\",\"ref\":\"" + cell
                + "\"},\"publishMode\":\"" + mode + "\"}";
    }

    private static JsonNode get(String path) {
        Http.Response response = gateway.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode value(String cellPath) {
        return JSON.readTree(gateway.get(cellPath).body()).get("cells").get(0).get("value");
    }

    private static double number(String cellPath) {
        return value(cellPath).get("value").asDouble();
    }

    /** Waits (generously: the shared machine is loaded) for the cell's number; says what is there if not. */
    private static void awaitValue(String cellPath, double expected) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(number(cellPath))
                        .as("%s: %s; links: %s", cellPath, gateway.get(cellPath).body(), linksOf(cellPath))
                        .isCloseTo(expected, within(1e-9)));
    }

    private static void awaitError(String cellPath) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(value(cellPath).toString())
                        .as("%s; links: %s", cellPath, linksOf(cellPath))
                        .contains("\"error\"")
                        .contains("#REF!"));
    }

    /** Linking's view of the workspace's links, for a failure's message. */
    private static String linksOf(String cellPath) {
        return gateway.get(cellPath.replaceFirst("/api/calc/(workspaces/[^/]+)/.*", "/api/linking/$1/links"))
                .body();
    }

    private static String workbook(String workspace, String json) {
        Http.Response created = gateway.postJson("/api/calc/workspaces/" + workspace + "/workbooks", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    /** Linking learns of workbooks only from the log: this waits for the event to get there. */
    private static void awaitLinkingKnows(String workspace, String workbookId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get("/api/linking/workspaces/" + workspace + "/documents")
                        .body()
                        .contains(workbookId));
    }
}
