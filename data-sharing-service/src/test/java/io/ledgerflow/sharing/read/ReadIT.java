package io.ledgerflow.sharing.read;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static io.ledgerflow.sharing.support.SharingApi.q;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.support.SharingApi;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Reads over real HTTP and PostgreSQL: latest, as of a version or time, pages, filters, projection, feed. */
@IntegrationTest
class ReadIT {

    private static final String TRADES = "{\"name\":\"Trades\",\"columns\":[{\"name\":\"desk\",\"type\":\"text\"},"
            + "{\"name\":\"n\",\"type\":\"number\"},{\"name\":\"amount\",\"type\":\"decimal\",\"scale\":2},"
            + "{\"name\":\"open\",\"type\":\"boolean\"},{\"name\":\"day\",\"type\":\"date\"}],\"primaryKey\":[\"desk\",\"n\"]}";

    @LocalServerPort
    int port;

    @Autowired
    Datasets datasets;

    @Autowired
    Reads reads;

    SharingApi api;

    @BeforeEach
    void setUp() {
        api = new SharingApi(port, "read");
    }

    @Test
    void aPageOfTheLatestVersionStaysThatVersionWhenAPublishCommitsBeforeItIsRead() {
        String id = api.create(SharingApi.FX_RATES);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08},{\"currency\":\"JPY\",\"rate\":0.0067}]}");
        Dataset seenAtVersion1 = datasets.get(api.workspace, UUID.fromString(id));
        api.published(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.09}],"
                        + "\"delete\":[{\"currency\":\"JPY\"}]}");

        Reads.RowPage page =
                reads.rows(seenAtVersion1, new Reads.RowQuery(null, null, null, 10, null, null), Slice.ALL);

        assertThat(page.version().version()).isEqualTo(1);
        assertThat(page.rows())
                .extracting(
                        row -> row.values().get("currency") + "=" + row.values().get("rate"))
                .containsExactly("EUR=1.0800", "JPY=0.0067");
    }

    @Test
    void versionsAreReadLatestAsOfAVersionAndAsOfATime() {
        String id = api.create(SharingApi.FX_RATES);
        Instant beforeFirst = Instant.now();
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08}]}");
        JsonNode v1 = api.get(api.dataset(id) + "/rows");
        Instant between = Instant.parse(v1.get("publishedAt").asString()).plusNanos(1000);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.09}]}");

        assertThat(rate(api.get(api.dataset(id) + "/rows"))).isEqualTo("1.09");
        assertThat(rate(api.get(api.dataset(id) + "/rows?version=1"))).isEqualTo("1.08");
        JsonNode asOf = api.get(api.dataset(id) + "/rows?asOf=" + q(between.toString()));
        assertThat(asOf.get("version").asLong()).isEqualTo(1);
        assertThat(rate(asOf)).isEqualTo("1.08");
        assertThat(api.get(api.dataset(id) + "/rows?asOf="
                                + q(Instant.now().plusSeconds(60).toString()))
                        .get("version")
                        .asLong())
                .isEqualTo(2);

        Http.Response tooEarly = api.http.get(
                api.dataset(id) + "/rows?asOf=" + q(beforeFirst.minusSeconds(60).toString()));
        assertThat(tooEarly.status()).isEqualTo(404);
        assertThat(tooEarly.isProblem()).isTrue();
        assertThat(api.http.get(api.dataset(id) + "/rows?version=3").status()).isEqualTo(404);
        assertThat(api.http.get(api.dataset(id) + "/rows?version=0").status()).isEqualTo(404);
        assertThat(api.http
                        .get(api.dataset(id) + "/rows?version=1&asOf=" + q(between.toString()))
                        .status())
                .isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/rows?asOf=yesterday").status())
                .isEqualTo(400);
    }

    @Test
    void pagesFollowTheKeyWithAnOpaqueCursorThroughFiltersAndProjection() {
        String id = api.create(TRADES);
        StringBuilder csv = new StringBuilder("desk,n,amount,open,day\n");
        for (int n = 1; n <= 25; n++) {
            csv.append(n % 2 == 0 ? "fx" : "rates")
                    .append(',')
                    .append(n)
                    .append(',')
                    .append(n * 10)
                    .append(".25,")
                    .append(n % 3 == 0)
                    .append(",2026-12-")
                    .append(String.format("%02d", n))
                    .append('\n');
        }
        assertThat(api.publishCsv(id, "full", csv.toString()).status()).isEqualTo(201);

        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(api.dataset(id) + "/rows?limit=10&filter=desk:eq:fx&columns=desk,n"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            pages++;
            page.get("rows").forEach(row -> {
                assertThat(row.properties()).extracting(e -> e.getKey()).containsExactly("desk", "n");
                keys.add(row.get("desk").asString() + row.get("n").asInt());
            });
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(keys).hasSize(12).allMatch(k -> k.startsWith("fx")).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(2);

        assertThat(api.get(api.dataset(id) + "/rows?filter=amount:gt:200&filter=amount:le:230.25")
                        .get("rows"))
                .extracting(row -> row.get("n").asInt())
                .containsExactlyInAnyOrder(20, 21, 22, 23);
        assertThat(api.get(api.dataset(id) + "/rows?filter=open:eq:true&filter=day:lt:2026-12-10")
                        .get("rows"))
                .extracting(row -> row.get("n").asInt())
                .containsExactlyInAnyOrder(3, 6, 9);
        assertThat(api.get(api.dataset(id) + "/rows?filter=n:ne:1&filter=desk:eq:rates")
                        .get("rows"))
                .hasSize(12);

        JsonNode row = api.get(api.dataset(id) + "/rows/by-key?key=fx&key=4.0")
                .get("rows")
                .get(0);
        assertThat(row.get("amount").decimalValue()).isEqualByComparingTo("40.25");
        assertThat(row.get("day").asString()).isEqualTo("2026-12-04");
        assertThat(api.http.get(api.dataset(id) + "/rows/by-key?key=fx&key=5").status())
                .isEqualTo(404);
        assertThat(api.http.get(api.dataset(id) + "/rows/by-key?key=fx").status())
                .isEqualTo(422);

        Http.Response unknownColumn = api.http.get(api.dataset(id) + "/rows?filter=colour:eq:red");
        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.body()).contains("colour");
        assertThat(api.http.get(api.dataset(id) + "/rows?filter=amount:about:1").status())
                .isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/rows?filter=amount:gt:much").status())
                .isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/rows?columns=colour").status())
                .isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/rows?cursor=***").status()).isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/rows?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theChangeFeedNamesInsertedUpdatedAndDeletedRowsBetweenAnyTwoVersions() {
        String id = api.create(SharingApi.FX_RATES);
        api.published(id, "{\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08},{\"currency\":\"JPY\",\"rate\":0.0067}]}");
        api.published(
                id,
                "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.0825},{\"currency\":\"CHF\",\"rate\":1.13}],"
                        + "\"delete\":[{\"currency\":\"JPY\"}]}");
        api.published(id, "{\"kind\":\"delta\",\"rows\":[{\"currency\":\"EUR\",\"rate\":1.08}]}");

        JsonNode oneToTwo = api.get(api.dataset(id) + "/changes?from=1&to=2");
        assertThat(changes(oneToTwo)).containsExactly("CHF inserted", "EUR updated", "JPY deleted");
        JsonNode eur = oneToTwo.get("changes").get(1);
        assertThat(eur.get("before").get("rate").decimalValue()).isEqualByComparingTo("1.08");
        assertThat(eur.get("after").get("rate").decimalValue()).isEqualByComparingTo("1.0825");
        assertThat(oneToTwo.get("changes").get(2).hasNonNull("after")).isFalse();
        assertThat(changes(api.get(api.dataset(id) + "/changes?from=1&to=3")))
                .as("EUR changed and changed back")
                .containsExactly("CHF inserted", "JPY deleted");
        assertThat(changes(api.get(api.dataset(id) + "/changes?from=0")))
                .containsExactly("CHF inserted", "EUR inserted");

        JsonNode first = api.get(api.dataset(id) + "/changes?from=1&to=2&limit=2");
        assertThat(changes(first)).containsExactly("CHF inserted", "EUR updated");
        JsonNode second = api.get(api.dataset(id) + "/changes?from=1&to=2&limit=2&cursor="
                + first.get("nextCursor").asString());
        assertThat(changes(second)).containsExactly("JPY deleted");
        assertThat(second.hasNonNull("nextCursor")).isFalse();

        assertThat(api.http.get(api.dataset(id) + "/changes?from=1&to=9").status())
                .isEqualTo(404);
        assertThat(api.http.get(api.dataset(id) + "/changes?from=3&to=1").status())
                .isEqualTo(422);
        assertThat(api.http.get(api.dataset(id) + "/changes").status()).isEqualTo(400);
    }

    private static String rate(JsonNode page) {
        return page.get("rows")
                .get(0)
                .get("rate")
                .decimalValue()
                .stripTrailingZeros()
                .toPlainString();
    }

    static List<String> changes(JsonNode page) {
        List<String> changes = new ArrayList<>();
        page.get("changes")
                .forEach(c -> changes.add(
                        c.get("key").get(0).asString() + " " + c.get("change").asString()));
        return changes;
    }

    static JsonNode parse(String body) {
        return JSON.readTree(body);
    }
}
