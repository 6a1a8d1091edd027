package io.ledgerflow.system.bench;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.localstack.LocalStackOptions;
import io.ledgerflow.testsupport.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load harness for calculation-service through the gateway: import time of engine workload files,
 * edit-then-read latency, and sustained edit throughput (single cells and batches; every edit
 * publishes its events through the outbox). Prints one JSON line per measurement.
 *
 * <pre>
 * java ... CalculationLoad [--gateway http://localhost:8080] [--seconds 20] [workload.json ...]
 * </pre>
 *
 * Without {@code --gateway} it starts the whole local stack itself (fresh, in a temporary folder).
 * Not a test: run it by hand (see docs/benchmarks.md); timings do not belong in assertions.
 */
public final class CalculationLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String api;

    private CalculationLoad(String gateway) {
        this.api = gateway + "/api/calc/workspaces/load-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    public static void main(String[] args) throws Exception {
        String gateway = null;
        int seconds = 20;
        List<Path> workloads = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> workloads.add(Path.of(args[i]));
            }
        }
        LocalStack stack = null;
        if (gateway == null) {
            Path home = Path.of(System.getProperty("ledgerflow.home", ".")).toAbsolutePath();
            stack = LocalStack.start(LocalStackOptions.defaults(home)
                    .withStateDir(Files.createTempDirectory("ledgerflow-load"))
                    .withFresh(true)
                    .withPortOffset(13_000) // below the ephemeral port range (32768+)
                    // Workload files are several MB; each service gets room for a 10^5-cell workbook.
                    .withEnv("MAX_REQUEST_SIZE", "64MB")
                    // One load generator is one client: the gateway's per-client limit would cap it.
                    .withEnv("RATE_LIMIT_ENABLED", "false")
                    .withEnv("AUTH_JWT_SECRET", Tokens.secret())
                    .withServiceJvmArgs(List.of("-Xmx1g", "-XX:+UseParallelGC")));
            gateway = stack.endpoints().gatewayUrl();
        }
        try {
            CalculationLoad load = new CalculationLoad(gateway);
            for (Path workload : workloads) {
                load.workload(workload);
            }
            load.editThenRead(500);
            load.sustained(seconds, 1, 8);
            load.sustained(seconds, 1000, 4);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** Imports a workload file, then edits and reads its probe cell as the file says. */
    private void workload(Path file) throws Exception {
        String body = Files.readString(file);
        JsonNode spec = JSON.readTree(body);
        long start = System.nanoTime();
        HttpResponse<String> created = send("POST", api + "/workbooks", body);
        double importMs = (System.nanoTime() - start) / 1e6;
        require(created, 201);
        String workbook =
                api + "/workbooks/" + JSON.readTree(created.body()).get("id").asString();
        byte[] xlsx = xlsx(spec.get("sheets"));
        long xlsxStart = System.nanoTime();
        HttpResponse<String> imported = CLIENT.send(
                HttpRequest.newBuilder(URI.create(api + "/workbooks/import?name="
                                + spec.get("name").asString()))
                        .timeout(Duration.ofSeconds(300))
                        .header("Authorization", Tokens.bearerFor(api))
                        .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(xlsx))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double xlsxImportMs = (System.nanoTime() - xlsxStart) / 1e6;
        require(imported, 201);
        JsonNode probe = spec.get("probe");
        String probeRef =
                ref(probe.get(0).asString(), probe.get(1).asInt(), probe.get(2).asInt());
        List<Double> latencies = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (JsonNode edit : spec.get("edits")) {
                String ref = ref(
                        edit.get(0).asString(), edit.get(1).asInt(), edit.get(2).asInt());
                long t = System.nanoTime();
                HttpResponse<String> edited = send(
                        "PUT",
                        workbook + "/cells/" + ref,
                        "{\"content\":" + (edit.get(3).asDouble() + round) + "}");
                require(edited, 200);
                long revision = JSON.readTree(edited.body()).get("revision").asLong();
                require(send("GET", workbook + "/cells/" + probeRef + "?minRevision=" + revision, null), 200);
                latencies.add((System.nanoTime() - t) / 1e6);
            }
        }
        print(
                "{\"measure\":\"workload\",\"name\":\"%s\",\"importMs\":%.1f,\"xlsxBytes\":%d,"
                        + "\"xlsxImportMs\":%.1f,\"editThenReadP50Ms\":%.2f,\"editThenReadP99Ms\":%.2f,\"samples\":%d}",
                spec.get("name").asString(),
                importMs,
                xlsx.length,
                xlsxImportMs,
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.size());
    }

    /** One client: set a cell, then read a dependent at that revision. */
    private void editThenRead(int samples) throws Exception {
        String workbook = newWorkbook("{\"name\":\"probe\",\"sheets\":{\"Sheet1\":[[1,\"=A1*2\"]]}}");
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            HttpResponse<String> edited = send("PUT", workbook + "/cells/Sheet1!A1", "{\"content\":" + i + "}");
            require(edited, 200);
            long revision = JSON.readTree(edited.body()).get("revision").asLong();
            require(send("GET", workbook + "/cells/Sheet1!B1?minRevision=" + revision, null), 200);
            latencies.add((System.nanoTime() - t) / 1e6);
        }
        print(
                "{\"measure\":\"edit-then-read\",\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"samples\":%d}",
                percentile(latencies, 50), percentile(latencies, 99), samples);
    }

    /** {@code clients} clients, each on its own workbook, send edits of {@code cells} cells for a while. */
    private void sustained(int seconds, int cells, int clients) throws Exception {
        AtomicLong edits = new AtomicLong();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String workbook = newWorkbook("{\"name\":\"load\"}");
                running.add(pool.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        HttpResponse<String> response = cells == 1
                                ? send("PUT", workbook + "/cells/Sheet1!A" + (i % 1000 + 1), "{\"content\":" + i + "}")
                                : send("POST", workbook + "/edits", batch(cells, i));
                        require(response, 200);
                        latencies.add((System.nanoTime() - t) / 1e6);
                        edits.incrementAndGet();
                        i++;
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        double perSecond = edits.get() / (double) seconds;
        print(
                "{\"measure\":\"sustained\",\"cellsPerEdit\":%d,\"clients\":%d,\"editsPerSecond\":%.0f,"
                        + "\"cellsPerSecond\":%.0f,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"seconds\":%d}",
                cells,
                clients,
                perSecond,
                perSecond * cells,
                percentile(latencies, 50),
                percentile(latencies, 99),
                seconds);
    }

    /** The workload's sheets as an .xlsx file (formulas as formulas), written with Apache POI. */
    private static byte[] xlsx(JsonNode sheets) throws java.io.IOException {
        try (var workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(1000);
                var out = new java.io.ByteArrayOutputStream()) {
            for (var entry : sheets.properties()) {
                var sheet = workbook.createSheet(entry.getKey());
                int r = 0;
                for (JsonNode rowNode : entry.getValue()) {
                    var row = sheet.createRow(r++);
                    int c = 0;
                    for (JsonNode content : rowNode) {
                        var cell = row.createCell(c++);
                        if (content.isNumber()) {
                            cell.setCellValue(content.asDouble());
                        } else if (content.isBoolean()) {
                            cell.setCellValue(content.asBoolean());
                        } else if (content.isString() && content.asString().startsWith("=")) {
                            cell.setCellFormula(content.asString().substring(1));
                        } else if (content.isString()) {
                            cell.setCellValue(content.asString());
                        }
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static String batch(int cells, int round) {
        StringBuilder json = new StringBuilder("{\"cells\":[");
        for (int i = 0; i < cells; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"ref\":\"Sheet1!A")
                    .append(i + 1)
                    .append("\",\"content\":")
                    .append(round + i)
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private String newWorkbook(String json) throws Exception {
        HttpResponse<String> created = send("POST", api + "/workbooks", json);
        require(created, 201);
        return api + "/workbooks/" + JSON.readTree(created.body()).get("id").asString();
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", Tokens.bearerFor(url))
                .timeout(Duration.ofSeconds(120));
        if (body == null) {
            request.GET();
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static String ref(String sheet, int row, int col) {
        StringBuilder column = new StringBuilder();
        for (int c = col + 1; c > 0; c = (c - 1) / 26) {
            column.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sheet.replace(" ", "%20") + "!" + column + (row + 1);
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length == 0
                ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
