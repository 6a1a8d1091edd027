package io.ledgerflow.sharing.bench;

import io.ledgerflow.sharing.DataSharingServiceApplication;
import io.ledgerflow.testsupport.InfrastructureInitializer;
import io.ledgerflow.testsupport.Tokens;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data-sharing figures of docs/benchmarks.md, over HTTP against the service on the test
 * PostgreSQL (embedded, one per JVM) and Kafka: publish 10^6 rows (full, CSV), a delta of 10^3
 * changed rows on them, 1,000-row page reads (latest and as of version 1) p50/p99, the change feed
 * of 10^4 changes, and the storage per version. Not run by the build; the command is in
 * docs/benchmarks.md ("Data sharing"). Argument: the number of rows (default 10^6).
 */
public final class SharingBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = Tokens.forWorkspaces("bench");

    private SharingBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DataSharingServiceApplication.class)
                .initializers(new InfrastructureInitializer())
                .properties("logging.level.root=WARN", "logging.level.io.ledgerflow.sharing.publish=INFO")
                // arguments, not default properties: application.yml's ports outrank those
                .run("--server.port=0", "--management.server.port=0");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://localhost:" + port + "/api/sharing/workspaces/bench/datasets";
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String id = JSON.readTree(send(
                                    "POST",
                                    base,
                                    "application/json",
                                    "{\"name\":\"bench\",\"columns\":[{\"name\":\"id\",\"type\":\"text\"},"
                                            + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4},"
                                            + "{\"name\":\"qty\",\"type\":\"number\"},{\"name\":\"day\",\"type\":\"date\"},"
                                            + "{\"name\":\"note\",\"type\":\"text\"}],\"primaryKey\":[\"id\"]}")
                            .body())
                    .get("id")
                    .asString();
            String dataset = base + "/" + id;

            byte[] full = csv(rows, 0, rows, 0);
            long t = System.nanoTime();
            check(send("POST", dataset + "/versions?kind=full", "text/csv", full));
            report("publish full, %,d rows (%.1f MB CSV)".formatted(rows, full.length / 1e6), t);

            byte[] delta = csv(rows, 0, rows, 1_000);
            t = System.nanoTime();
            check(send("POST", dataset + "/versions?kind=delta", "text/csv", delta));
            report("publish delta, 1,000 changed rows on %,d".formatted(rows), t);

            // The relay sends the publishes' events to Kafka (in this JVM) after they commit; reads measured while
            // it still works would measure the relay too.
            t = System.nanoTime();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> jdbc.sql("select count(*) from event_outbox where published_at is null")
                                    .query(Long.class)
                                    .single()
                            == 0);
            report("outbox relayed to Kafka after the publishes", t);

            pages(dataset + "/rows?limit=1000", rows, "page read, latest");
            pages(dataset + "/rows?limit=1000&version=1", rows, "page read, as of version 1");
            pages(dataset + "/rows?limit=1000&filter=" + "qty:ge:500", rows, "page read, latest, filter qty:ge:500");

            byte[] tenThousand = csv(rows, 0, rows, 10_000);
            check(send("POST", dataset + "/versions?kind=delta", "text/csv", tenThousand));
            t = System.nanoTime();
            int changes = 0;
            String cursor = null;
            do {
                JsonNode page = JSON.readTree(send(
                                "GET",
                                dataset + "/changes?from=2&to=3&limit=1000"
                                        + (cursor == null ? "" : "&cursor=" + cursor),
                                null,
                                null)
                        .body());
                changes += page.get("changes").size();
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            } while (cursor != null);
            report("change feed v2->v3, %,d changes in pages of 1,000".formatted(changes), t);

            long total = jdbc.sql("select pg_total_relation_size('dataset_row_version')")
                    .query(Long.class)
                    .single();
            long table = jdbc.sql("select pg_relation_size('dataset_row_version')")
                    .query(Long.class)
                    .single();
            List<Long> perVersion = jdbc.sql("select count(*) from dataset_row_version where dataset_id = ?"
                            + " group by valid_from order by valid_from")
                    .param(UUID.fromString(id))
                    .query(Long.class)
                    .list();
            long stored = perVersion.stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    "storage: dataset_row_version %,d MB with indexes (%,d MB heap), %,d row versions for versions"
                            + " of %,d rows; row versions per version %s; ~%,d bytes per row version%n",
                    total >> 20, table >> 20, stored, rows, perVersion, total / stored);
        } finally {
            context.close();
            System.exit(0);
        }
    }

    /** rows of the dataset; every rows/changed-th row (changed > 0) with a changed rate and qty. */
    private static byte[] csv(int rows, int from, int to, int changed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 48);
        StringBuilder line = new StringBuilder("id,rate,qty,day,note\n");
        int step = changed == 0 ? Integer.MAX_VALUE : rows / changed;
        for (int i = from; i < to; i++) {
            boolean change = changed > 0 && i % step == 0;
            if (changed > 0 && !change) {
                continue;
            }
            line.append("K")
                    .append(String.format("%07d", i))
                    .append(',')
                    .append(i % 10_000)
                    .append('.')
                    .append(change ? changed % 10_000 : 1234)
                    .append(',')
                    .append(change ? i % 997 + changed : i % 997)
                    .append(",2026-12-")
                    .append(String.format("%02d", i % 28 + 1))
                    .append(",n")
                    .append(i % 13)
                    .append('\n');
            if (line.length() > 1 << 16) {
                out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                line.setLength(0);
            }
        }
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * 1,300 reads of a 1,000-row page at random keys (1,000 counted after 300 of warm-up, so that
     * p99 is the 10th slowest, not the 2nd), with the bytes this JVM allocated per read (service
     * and client together: the garbage behind the tail) and the GC pauses during the counted reads.
     */
    private static void pages(String url, int rows, String what) throws Exception {
        Random random = new Random(42);
        List<Long> times = new ArrayList<>();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0;
        long gcMillis = 0;
        for (int i = 0; i < 1300; i++) {
            if (i == 300) {
                allocated = threads.getTotalThreadAllocatedBytes();
                gcMillis = gcMillis();
            }
            String after = "K" + String.format("%07d", random.nextInt(rows - 1000));
            String cursor = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(after.getBytes(StandardCharsets.UTF_8));
            long t = System.nanoTime();
            HttpResponse<String> page = send("GET", url + "&cursor=" + cursor, null, null);
            long elapsed = System.nanoTime() - t;
            check(page);
            if (i >= 300) {
                times.add(elapsed);
            }
        }
        allocated = threads.getTotalThreadAllocatedBytes() - allocated;
        gcMillis = gcMillis() - gcMillis;
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "%s, 1,000-row pages over HTTP: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d reads);"
                        + " %.2f MB allocated per read, GC %d ms in all%n",
                what,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6,
                sorted.length,
                allocated / 1e6 / sorted.length,
                gcMillis);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static HttpResponse<String> send(String method, String url, String type, Object body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN);
        if (body == null) {
            request.GET();
        } else {
            byte[] bytes = body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static void report(String what, long start) {
        System.out.printf("%s: %.2f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
