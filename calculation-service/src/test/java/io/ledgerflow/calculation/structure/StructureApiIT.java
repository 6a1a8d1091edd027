package io.ledgerflow.calculation.structure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Structural edits over HTTP: references follow as Excel's do, and each edit is one revision. */
@IntegrationTest
class StructureApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Http http;
    String base;

    @BeforeEach
    void workbook() {
        http = new Http("http://localhost:" + port);
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Shape\",\"sheets\":{\"Sheet1\":[[1,2,\"=A1+B1\"],[\"=SUM(A1:C1)\",\"=C1*Rates!A1\"]],"
                        + "\"Rates\":[[1.5]]}}");
        base = "/api/calc/workspaces/" + workspace + "/workbooks/"
                + JSON.readTree(created.body()).get("id").asString();
    }

    @Test
    void insertingAndDeletingRowsAndColumnsMovesReferencesOrBreaksThem() {
        Http.Response inserted = http.postJson(base + "/sheets/Sheet1/rows", "{\"at\":0,\"count\":2}");
        assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
        assertThat(JSON.readTree(inserted.body()).get("revision").asLong()).isEqualTo(2);
        JsonNode a4 = cell("Sheet1!A4");
        assertThat(a4.get("formula").asString()).isEqualTo("=SUM(A3:C3)");
        assertThat(a4.get("value").get("value").asDouble()).isEqualTo(6.0);
        assertThat(cell("Sheet1!B4").get("formula").asString()).isEqualTo("=C3*Rates!A1");

        assertThat(http.delete(base + "/sheets/Sheet1/columns?at=1").status()).isEqualTo(200);
        JsonNode sum = cell("Sheet1!B3");
        assertThat(sum.get("formula").asString()).isEqualTo("=A3+#REF!");
        assertThat(sum.get("value").get("value").asString()).isEqualTo("#REF!");

        // The past is untouched: revision 1 still reads as it was.
        JsonNode before =
                JSON.readTree(http.get(base + "/cells/Sheet1!A2?revision=1").body());
        assertThat(before.get("cells").get(0).get("formula").asString()).isEqualTo("=SUM(A1:C1)");
    }

    @Test
    void sheetsCanBeAddedRenamedAndRemovedWithReferencesFollowing() {
        assertThat(http.postJson(base + "/sheets", "{\"name\":\"Notes\",\"rows\":[[\"=Sheet1!C1*10\"]]}")
                        .status())
                .isEqualTo(200);
        assertThat(cell("Notes!A1").get("value").get("value").asDouble()).isEqualTo(30.0);

        Http.Response duplicate = http.postJson(base + "/sheets", "{\"name\":\"notes\"}");
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.isProblem()).isTrue();

        Http.Response renamed =
                http.send("PATCH", base + "/sheets/Rates", "application/json", "{\"name\":\"FX rates\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(cell("Sheet1!B2").get("formula").asString()).isEqualTo("=C1*'FX rates'!A1");
        assertThat(cell("Sheet1!B2").get("value").get("value").asDouble()).isEqualTo(4.5);

        assertThat(http.delete(base + "/sheets/FX%20rates").status()).isEqualTo(200);
        assertThat(cell("Sheet1!B2").get("value").get("value").asString()).isEqualTo("#REF!");

        JsonNode sheets = JSON.readTree(http.get(base).body()).get("sheets");
        assertThat(sheets).hasSize(2);
        assertThat(sheets.get(1).get("name").asString()).isEqualTo("Notes");
    }

    @Test
    void sheetsCanBeReorderedWithoutChangingAValue() {
        Http.Response reordered =
                http.send("PUT", base + "/sheet-order", "application/json", "{\"sheets\":[\"Rates\",\"Sheet1\"]}");
        assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
        JsonNode sheets = JSON.readTree(http.get(base).body()).get("sheets");
        assertThat(sheets.get(0).get("name").asString()).isEqualTo("Rates");
        assertThat(sheets.get(1).get("name").asString()).isEqualTo("Sheet1");
        assertThat(cell("Sheet1!B2").get("value").get("value").asDouble()).isEqualTo(4.5);

        Http.Response incomplete =
                http.send("PUT", base + "/sheet-order", "application/json", "{\"sheets\":[\"Rates\"]}");
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.body()).contains("every sheet once");
    }

    @Test
    void aMovedBlockTakesItsReferencesAlong() {
        Http.Response moved = http.postJson(base + "/moves", "{\"from\":\"Sheet1!A1:B1\",\"to\":\"Sheet1!E5\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(cell("Sheet1!C1").get("formula").asString()).isEqualTo("=E5+F5");
        assertThat(cell("Sheet1!C1").get("value").get("value").asDouble()).isEqualTo(3.0);
        assertThat(cell("Sheet1!E5").get("value").get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void impossibleStructuralEditsAreRefusedWithoutARevision() {
        assertThat(http.postJson(base + "/sheets/Nope/rows", "{\"at\":0,\"count\":1}")
                        .status())
                .isEqualTo(422);
        assertThat(http.postJson(base + "/sheets/Sheet1/rows", "{\"at\":-1,\"count\":1}")
                        .status())
                .isEqualTo(422);
        assertThat(http.postJson(base + "/sheets", "{\"name\":\"bad:name\"}").status())
                .isEqualTo(422);
        assertThat(http.postJson(base + "/moves", "{\"from\":\"Sheet1!A1:B2\",\"to\":\"Sheet1!C3:D4\"}")
                        .status())
                .isEqualTo(422);
        assertThat(http.delete(base + "/sheets/Rates").status()).isEqualTo(200);
        Http.Response last = http.delete(base + "/sheets/Sheet1");
        assertThat(last.status()).isEqualTo(422);
        assertThat(last.body()).contains("at least one sheet");

        assertThat(JSON.readTree(http.get(base).body()).get("revision").asLong())
                .as("only the one valid removal made a revision")
                .isEqualTo(2);
    }

    private JsonNode cell(String ref) {
        Http.Response response = http.get(base + "/cells/" + ref.replace(" ", "%20"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("cells").get(0);
    }
}
