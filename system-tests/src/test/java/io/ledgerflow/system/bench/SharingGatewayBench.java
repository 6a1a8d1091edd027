package io.ledgerflow.system.bench;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.system.SystemStacks;
import io.ledgerflow.testsupport.Tokens;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * A million-row CSV published through the gateway, beside the same publish sent to data-sharing-service directly, on
 * the whole stack from the packaged jars (docs/benchmarks.md, "Data sharing"). Each publish is one full version of a
 * fresh dataset, then a delta of 1,000 changed rows on it; direct and gateway alternate. Not run by the build.
 * Arguments: rows (default 10^6), rounds (default 2).
 */
public final class SharingGatewayBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String WORKSPACE = "csvbench";
    private static final String TOKEN = Tokens.forWorkspaces(WORKSPACE);

    private SharingGatewayBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        byte[] full = csv(rows, 0);
        byte[] delta = csv(rows, 1_000);
        Path state = Files.createTempDirectory("sharing-gateway-bench");
        try (LocalStack stack = SystemStacks.start(SystemStacks.options(state)
                .withEnv("RATE_LIMIT_ENABLED", "false")
                .withHealthTimeout(Duration.ofSeconds(600)))) {
            String gateway = stack.endpoints().gatewayUrl();
            String direct =
                    stack.endpoints().services().get("data-sharing-service").url();
            System.out.printf("CSV: %,d rows, %.1f MB; delta %,d bytes%n", rows, full.length / 1e6, delta.length);
            for (int round = 1; round <= rounds; round++) {
                for (String base : round % 2 == 1 ? new String[] {direct, gateway} : new String[] {gateway, direct}) {
                    String via = base.equals(gateway) ? "gateway" : "direct ";
                    String dataset = create(base);
                    long t = System.nanoTime();
                    post(dataset + "/versions?kind=full", full);
                    double fullSeconds = (System.nanoTime() - t) / 1e9;
                    t = System.nanoTime();
                    post(dataset + "/versions?kind=delta", delta);
                    double deltaSeconds = (System.nanoTime() - t) / 1e9;
                    System.out.printf(
                            "round %d %s: full %,d rows %.2f s (%.1f MB/s), delta 1,000 rows %.2f s%n",
                            round, via, rows, fullSeconds, full.length / 1e6 / fullSeconds, deltaSeconds);
                }
            }
        }
    }

    private static String create(String base) throws Exception {
        HttpResponse<String> created = HTTP.send(
                request(base + "/api/sharing/workspaces/" + WORKSPACE + "/datasets")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"columns\":["
                                + "{\"name\":\"id\",\"type\":\"text\"},{\"name\":\"rate\",\"type\":\"decimal\","
                                + "\"scale\":4},{\"name\":\"qty\",\"type\":\"number\"},{\"name\":\"day\","
                                + "\"type\":\"date\"},{\"name\":\"note\",\"type\":\"text\"}],\"primaryKey\":[\"id\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
        }
        return base + "/api/sharing/workspaces/" + WORKSPACE + "/datasets/"
                + JSON.readTree(created.body()).get("id").asString();
    }

    private static void post(String url, byte[] csv) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                request(url)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(url + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** The rows (changed == 0), or every rows/changed-th row with a new rate and quantity. */
    private static byte[] csv(int rows, int changed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 40);
        StringBuilder line = new StringBuilder("id,rate,qty,day,note\n");
        int step = changed == 0 ? 1 : rows / changed;
        for (int i = 0; i < rows; i += step) {
            line.append('K')
                    .append(String.format("%07d", i))
                    .append(',')
                    .append(i % 10_000)
                    .append('.')
                    .append(changed == 0 ? "1234" : "4321")
                    .append(',')
                    .append(changed == 0 ? i % 997 : i % 997 + 1)
                    .append(",2026-12-")
                    .append(String.format("%02d", i % 28 + 1))
                    .append(",row ")
                    .append(i)
                    .append('\n');
            if (line.length() > 64 * 1024) {
                out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                line.setLength(0);
            }
        }
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
