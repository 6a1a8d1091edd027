package io.ledgerflow.sharing.share;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Grants over real HTTP and PostgreSQL: the grantee sees only its slice, everywhere, until revoked. */
@IntegrationTest
class SharingIT {

    @LocalServerPort
    int port;

    SharingApi owner;
    SharingApi grantee;
    String id;

    @BeforeEach
    void setUp() {
        owner = new SharingApi(port, "acme");
        grantee = new SharingApi(port, "globex");
        id = owner.create(SharingApi.FX_RATES);
        owner.published(
                id,
                "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08,\"asOf\":\"2026-12-01\"},"
                        + "{\"currency\":\"RUB\",\"rate\":0.011,\"asOf\":\"2026-12-01\"},"
                        + "{\"currency\":\"USD\",\"rate\":1,\"asOf\":\"2026-12-01\"}]}");
    }

    @Test
    void withoutAGrantAnotherWorkspacesDatasetDoesNotExist() {
        assertThat(grantee.http.get(shared() + "/rows").status()).isEqualTo(404);
        assertThat(grantee.http.get(shared()).status()).isEqualTo(404);
        assertThat(grantee.http.get(shared() + "/changes?from=0").status()).isEqualTo(404);
        assertThat(grantee.get(sharedWithMe())).isEmpty();
        assertThat(grantee.http
                        .get("/api/sharing/workspaces/" + grantee.workspace + "/datasets/" + id + "/rows")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aGranteeReadsOnlyTheGrantedColumnsAndRowsUntilTheGrantIsRevoked() {
        JsonNode grant = grant("{\"grantee\":\"" + grantee.workspace + "\",\"columns\":[\"currency\",\"rate\"],"
                + "\"rowFilter\":[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]}");
        assertThat(grant.get("grantedBy").asString()).isEqualTo("unknown");
        assertThat(grant.get("active").asBoolean()).isTrue();

        JsonNode list = grantee.get(sharedWithMe());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("workspace").asString()).isEqualTo(owner.workspace);
        assertThat(list.get(0).get("columns"))
                .extracting(c -> c.get("name").asString())
                .containsExactly("currency", "rate");

        JsonNode rows = grantee.get(shared() + "/rows");
        assertThat(rows.get("rows"))
                .extracting(r -> r.get("currency").asString())
                .containsExactly("EUR", "USD");
        assertThat(rows.get("rows").get(0).has("asOf")).isFalse();
        assertThat(rows.get("columns")).hasSize(2);
        assertThat(grantee.http.get(shared() + "/rows/by-key?key=RUB").status()).isEqualTo(404);
        assertThat(grantee.get(shared() + "/rows/by-key?key=EUR")
                        .get("rows")
                        .get(0)
                        .get("rate")
                        .decimalValue())
                .isEqualByComparingTo("1.08");
        assertThat(grantee.http.get(shared() + "/rows?columns=asOf").status()).isEqualTo(422);
        assertThat(grantee.http
                        .get(shared() + "/rows?filter=asOf:eq:2026-12-01")
                        .status())
                .isEqualTo(422);

        // v2: EUR changes only a hidden column, RUB changes outside the filter, CHF comes, USD goes.
        owner.published(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08,\"asOf\":\"2026-12-02\"},"
                        + "{\"currency\":\"RUB\",\"rate\":0.012},{\"currency\":\"CHF\",\"rate\":1.13}],"
                        + "\"delete\":[{\"currency\":\"USD\"}]}");
        JsonNode feed = grantee.get(shared() + "/changes?from=1&to=2");
        assertThat(changes(feed)).containsExactly("CHF inserted", "USD deleted");
        assertThat(changes(owner.get(owner.dataset(id) + "/changes?from=1&to=2")))
                .containsExactly("CHF inserted", "EUR updated", "RUB updated", "USD deleted");
        assertThat(grantee.get(shared() + "/rows?version=1").get("rows")).hasSize(2);

        List<JsonNode> history = new ArrayList<>();
        owner.get(grants()).forEach(history::add);
        assertThat(history).hasSize(1);
        Http.Response revoked =
                owner.http.delete(grants() + "/" + grant.get("id").asString());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("revokedAt").isNull()).isFalse();

        assertThat(grantee.http.get(shared() + "/rows").status()).isEqualTo(404);
        assertThat(grantee.http.get(shared() + "/changes?from=1").status()).isEqualTo(404);
        assertThat(grantee.get(sharedWithMe())).isEmpty();
        assertThat(owner.http
                        .delete(grants() + "/" + grant.get("id").asString())
                        .status())
                .isEqualTo(409);
        JsonNode after = owner.get(grants());
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("active").asBoolean()).isFalse();
        assertThat(after.get(0).get("revokedBy").asString()).isEqualTo("unknown");

        grant("{\"grantee\":\"" + grantee.workspace + "\"}");
        assertThat(grantee.get(shared() + "/rows").get("rows")).hasSize(3);
        assertThat(owner.get(grants()))
                .as("the history keeps the revoked grant")
                .hasSize(2);
    }

    @Test
    void badGrantsAreProblems() {
        Http.Response self = owner.http.postJson(grants(), "{\"grantee\":\"" + owner.workspace + "\"}");
        assertThat(self.status()).isEqualTo(422);
        Http.Response noKey =
                owner.http.postJson(grants(), "{\"grantee\":\"" + grantee.workspace + "\",\"columns\":[\"rate\"]}");
        assertThat(noKey.status()).isEqualTo(422);
        assertThat(noKey.body()).contains("key");
        Http.Response unknownColumn = owner.http.postJson(
                grants(), "{\"grantee\":\"" + grantee.workspace + "\",\"columns\":[\"currency\",\"colour\"]}");
        assertThat(unknownColumn.status()).isEqualTo(422);
        Http.Response badCondition = owner.http.postJson(
                grants(),
                "{\"grantee\":\"" + grantee.workspace
                        + "\",\"rowFilter\":[{\"column\":\"rate\",\"op\":\"gt\",\"value\":\"high\"}]}");
        assertThat(badCondition.status()).isEqualTo(422);
        assertThat(badCondition.body()).contains("rowFilter[0]");
        Http.Response badGrantee = owner.http.postJson(grants(), "{\"grantee\":\"Not A Workspace!\"}");
        assertThat(badGrantee.status()).isEqualTo(400);
        grant("{\"grantee\":\"" + grantee.workspace + "\"}");
        assertThat(owner.http
                        .postJson(grants(), "{\"grantee\":\"" + grantee.workspace + "\"}")
                        .status())
                .isEqualTo(409);
        Http.Response notOwner = grantee.http.postJson(
                "/api/sharing/workspaces/" + grantee.workspace + "/datasets/" + id + "/grants",
                "{\"grantee\":\"someone\"}");
        assertThat(notOwner.status()).isEqualTo(404);
    }

    private JsonNode grant(String body) {
        Http.Response response = owner.http.postJson(grants(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private String grants() {
        return owner.dataset(id) + "/grants";
    }

    private String sharedWithMe() {
        return "/api/sharing/workspaces/" + grantee.workspace + "/shared-with-me";
    }

    private String shared() {
        return sharedWithMe() + "/" + id;
    }

    private static List<String> changes(JsonNode page) {
        List<String> changes = new ArrayList<>();
        page.get("changes")
                .forEach(c -> changes.add(
                        c.get("key").get(0).asString() + " " + c.get("change").asString()));
        return changes;
    }
}
