package io.ledgerflow.sharing.publish;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Publishing over real HTTP and PostgreSQL: full and delta, JSON and CSV, bad rows, schema changes, storage. */
@IntegrationTest
class PublishIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    SharingApi api;

    @BeforeEach
    void setUp() {
        api = new SharingApi(port, "pub");
    }

    @Test
    void aFullPublishDeletesWhatItLeavesOutAndADeltaUpsertsAndDeletes() {
        String id = api.create(SharingApi.FX_RATES);
        JsonNode v1 = api.published(
                id,
                "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08},{\"currency\":\"GBP\",\"rate\":1.27},"
                        + "{\"currency\":\"JPY\",\"rate\":0.0067}]}");
        assertThat(v1.get("inserted").asLong()).isEqualTo(3);
        JsonNode v2 = api.published(
                id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.0825},{\"currency\":\"GBP\",\"rate\":1.27}]}");
        assertThat(List.of(
                        v2.get("inserted").asLong(),
                        v2.get("updated").asLong(),
                        v2.get("deleted").asLong()))
                .containsExactly(0L, 1L, 1L);
        assertThat(v2.get("rowCount").asLong()).isEqualTo(2);

        JsonNode v3 = api.published(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"CHF\",\"rate\":1.131,\"asOf\":\"2026-12-01\"}],"
                        + "\"delete\":[{\"currency\":\"GBP\"}]}");
        assertThat(List.of(
                        v3.get("inserted").asLong(),
                        v3.get("updated").asLong(),
                        v3.get("deleted").asLong()))
                .containsExactly(1L, 0L, 1L);
        assertThat(v3.get("rowCount").asLong()).isEqualTo(2);
        assertThat(currencies(api.get(api.dataset(id) + "/rows"))).containsExactly("CHF", "EUR");
        assertThat(currencies(api.get(api.dataset(id) + "/rows?version=1"))).containsExactly("EUR", "GBP", "JPY");
        JsonNode chf =
                api.get(api.dataset(id) + "/rows/by-key?key=CHF").get("rows").get(0);
        assertThat(chf.get("rate").decimalValue()).isEqualByComparingTo("1.1310");
        assertThat(chf.get("asOf").asString()).isEqualTo("2026-12-01");
    }

    @Test
    void unchangedRowsAreStoredOnceAcrossVersions() {
        String id = api.create(SharingApi.FX_RATES);
        StringBuilder rows = new StringBuilder("currency,rate\n");
        for (int i = 0; i < 500; i++) {
            rows.append("C").append(i).append(',').append(i).append(".5\n");
        }
        assertThat(api.publishCsv(id, "full", rows.toString()).status()).isEqualTo(201);
        assertThat(api.publishCsv(id, "delta", "currency,rate\nC7,99\nNEW,1\n").status())
                .isEqualTo(201);
        String sameAgain = rows.toString().replace("C7,7.5", "C7,99") + "NEW,1\n";
        JsonNode unchanged = JSON.readTree(api.publishCsv(id, "full", sameAgain).body());
        assertThat(unchanged.get("version").asLong()).isEqualTo(3);
        assertThat(unchanged.get("inserted").asLong()
                        + unchanged.get("updated").asLong()
                        + unchanged.get("deleted").asLong())
                .isZero();

        long stored = jdbc.sql("select count(*) from dataset_row_version where dataset_id = ?")
                .param(UUID.fromString(id))
                .query(Long.class)
                .single();
        assertThat(stored)
                .as("500 rows, then one update and one insert, then nothing")
                .isEqualTo(502);
        assertThat(api.get(api.dataset(id) + "/rows?limit=10000").get("rows")).hasSize(501);
        assertThat(api.get(api.dataset(id) + "/rows?version=1&limit=10000").get("rows"))
                .hasSize(500);
    }

    @Test
    void aCsvUploadIsCheckedLineByLineAndABadLineRejectsEverything() {
        String id = api.create(SharingApi.FX_RATES);
        Http.Response ok =
                api.publishCsv(id, "full", "asOf,currency,rate\r\n2026-12-01,EUR,1.0825\r\n,\"G,B\"\"P\",1.27\r\n");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(currencies(api.get(api.dataset(id) + "/rows"))).containsExactly("EUR", "G,B\"P");

        Http.Response badType = api.publishCsv(id, "full", "currency,rate\nEUR,1.1\nUSD,lots\n");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.isProblem()).isTrue();
        JsonNode problem = JSON.readTree(badType.body());
        assertThat(problem.get("row").asString()).isEqualTo("line 3");
        assertThat(problem.get("column").asString()).isEqualTo("rate");

        Http.Response tooPrecise = api.publishCsv(id, "full", "currency,rate\nEUR,1.00001\n");
        assertThat(tooPrecise.status()).isEqualTo(422);
        assertThat(tooPrecise.body()).contains("more than 4 digits");
        Http.Response missingKey = api.publishCsv(id, "full", "currency,rate\nEUR,1\n,2\n");
        assertThat(JSON.readTree(missingKey.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("line 3.currency");
        Http.Response duplicate = api.publishCsv(id, "full", "currency,rate\nEUR,1\nUSD,2\nEUR,3\n");
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(JSON.readTree(duplicate.body()).get("row").asString()).isEqualTo("line 4");
        Http.Response unknownColumn = api.publishCsv(id, "full", "currency,colour\nEUR,red\n");
        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.body()).contains("colour");
        Http.Response noHeader = api.publishCsv(id, "full", "");
        assertThat(noHeader.status()).isEqualTo(422);

        assertThat(api.get(api.dataset(id)).get("latestVersion").asLong())
                .as("no rejected upload made a version")
                .isEqualTo(1);
        assertThat(currencies(api.get(api.dataset(id) + "/rows"))).containsExactly("EUR", "G,B\"P");
    }

    @Test
    void aDeltaDeletesByKeyFromCsvAndJsonKeysAreChecked() {
        String id = api.create(SharingApi.FX_RATES);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1},{\"currency\":\"USD\",\"rate\":1}]}");
        Http.Response delta = api.publishCsv(id, "delta", "currency,rate,_delete\nUSD,,true\nCHF,2,\n");
        assertThat(delta.status()).as(delta.body()).isEqualTo(201);
        assertThat(currencies(api.get(api.dataset(id) + "/rows"))).containsExactly("CHF", "EUR");

        Http.Response deleteInFull = api.publish(id, "{\"rows\":[],\"delete\":[{\"currency\":\"EUR\"}]}");
        assertThat(deleteInFull.status()).isEqualTo(422);
        Http.Response upsertAndDelete = api.publish(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":3}],\"delete\":[{\"currency\":\"EUR\"}]}");
        assertThat(upsertAndDelete.status()).isEqualTo(422);
        assertThat(JSON.readTree(upsertAndDelete.body()).get("row").asString()).isEqualTo("delete[0]");
        Http.Response deleteByValue = api.publish(id, "{\"kind\":\"delta\",\"delete\":[{\"rate\":3}]}");
        assertThat(deleteByValue.status()).isEqualTo(422);
        Http.Response badKind = api.publish(id, "{\"kind\":\"merge\",\"rows\":[]}");
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(api.get(api.dataset(id)).get("latestVersion").asLong()).isEqualTo(2);
    }

    @Test
    void schemasEvolveByWideningAndAddingButNarrowingNeedsConsent() {
        String id = api.create(SharingApi.FX_RATES);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.0825}]}");
        String wider = "{\"kind\":\"delta\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
                + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":6},{\"name\":\"asOf\",\"type\":\"date\"},"
                + "{\"name\":\"source\",\"type\":\"text\"}],\"rows\":[{\"currency\":\"USD\",\"rate\":1.000001,"
                + "\"source\":\"ECB\"}]}";
        JsonNode v2 = api.published(id, wider);
        assertThat(v2.get("columns")).hasSize(4);
        assertThat(api.get(api.dataset(id)).get("columns").get(1).get("scale").asInt())
                .isEqualTo(6);
        assertThat(api.get(api.dataset(id) + "/rows?version=1").get("columns")).hasSize(3);

        String narrower = "{\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
                + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":2}],\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08}]";
        Http.Response refused = api.publish(id, narrower + "}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("allowBreakingSchemaChange");
        Http.Response asDelta = api.publish(id, narrower + ",\"kind\":\"delta\",\"allowBreakingSchemaChange\":true}");
        assertThat(asDelta.status()).isEqualTo(422);
        assertThat(asDelta.body()).contains("full publish");
        Http.Response keyChange = api.publish(
                id,
                "{\"columns\":[{\"name\":\"currency\",\"type\":\"number\"}],\"allowBreakingSchemaChange\":true,\"rows\":[]}");
        assertThat(keyChange.status()).isEqualTo(422);

        JsonNode v3 = api.published(id, narrower + ",\"allowBreakingSchemaChange\":true}");
        assertThat(v3.get("version").asLong()).isEqualTo(3);
        assertThat(api.get(api.dataset(id) + "/rows").get("rows").get(0).properties())
                .extracting(e -> e.getKey())
                .containsExactly("currency", "rate");
    }

    @Test
    void concurrentPublishesTakeTurnsAndVersionsHaveNoGaps() throws Exception {
        String id = api.create(SharingApi.FX_RATES);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"C" + i + "\",\"rate\":" + i + "}]}";
                Callable<Integer> publish = () -> api.publish(id, body).status();
                results.add(pool.submit(publish));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(api.get(api.dataset(id)).get("latestVersion").asLong()).isEqualTo(8);
        List<Long> versions = jdbc.sql("select version from dataset_version where dataset_id = ? order by version")
                .param(UUID.fromString(id))
                .query(Long.class)
                .list();
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(api.get(api.dataset(id) + "/rows").get("rows")).hasSize(8);
    }

    static List<String> currencies(JsonNode page) {
        List<String> currencies = new ArrayList<>();
        page.get("rows").forEach(row -> currencies.add(row.get("currency").asString()));
        return currencies;
    }
}
