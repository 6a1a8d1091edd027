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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accountant workload through the gateway, on the whole local stack started from the packaged
 * jars: {@code --workbooks} ledgers (inputs, formulas per row, a running total, a sum; some linked
 * to each other through linking-service), and concurrent clients that set single cells, send
 * batches of up to 10 cells, read blocks and now and then import a workbook. Each phase prints one
 * JSON line; at the end a Markdown table, then every workbook is read back and checked against what
 * the clients wrote (inputs, formulas, linked cells).
 *
 * <pre>
 * java -Dledgerflow.home=$PWD -cp ... io.ledgerflow.system.bench.AccountantLoad            # short: ~55 s of load
 * java ... AccountantLoad --sustained                                                        # 10 minutes, mixed
 * java ... AccountantLoad --phases direct-read-1,gateway-read-1,direct-read-16,gateway-read-16 # gateway cost
 * java ... AccountantLoad --sampling 0.1   /   --no-tracing                                   # tracing's cost
 * java ... AccountantLoad --jfr /tmp/profiles   # a JFR recording of each service per phase (PhaseProfiles)
 * java ... AccountantLoad --port-offset 13600 --barrier /tmp/ab:2   # two stacks side by side, load started together
 * </pre>
 *
 * Phases: {@code mixed} (60% single-cell edits, 25% batches of 2–10 cells, 15% reads, 0.2%
 * imports), {@code single}, {@code batch} (10 cells), {@code hot} (single edits, all on one
 * workbook), {@code gateway-read-N} and {@code direct-read-N} (one-cell reads by N clients through
 * the gateway or straight at calculation-service). Not a test: see docs/benchmarks.md.
 */
public final class AccountantLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int IMPORT_ROWS = 2_000;

    private final HttpClient http;
    private final String gateway;
    private final String direct;
    private final String workspace = "acct-" + UUID.randomUUID().toString().substring(0, 6);
    private final int rows;
    private final int clients;
    private final List<String> workbooks = new ArrayList<>();
    /** The last value written to Sheet1!A(row) of each workbook; NaN when an edit's fate is unknown. */
    private double[][] expected;

    private final List<String[]> links = new ArrayList<>(); // {source workbook, destination workbook}
    private final Map<Integer, Double> linkValues = new java.util.concurrent.ConcurrentHashMap<>();
    private final String importBody;
    /** One token for the run, as a real client keeps its token (minting one per request would load the harness). */
    private final String bearer = "Bearer " + Tokens.forWorkspaces(workspace);

    private final ExecutorService pool;

    private AccountantLoad(String gateway, String direct, int rows, int clients) {
        this.gateway = gateway;
        this.direct = direct;
        this.rows = rows;
        this.clients = clients;
        AtomicInteger ids = new AtomicInteger();
        this.pool =
                Executors.newFixedThreadPool(clients + 1, r -> new Thread(r, "load-client-" + ids.incrementAndGet()));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> new Thread(r, "load-http-" + ids.incrementAndGet())))
                .build();
        StringBuilder sheet = new StringBuilder("{\"name\":\"Import\",\"sheets\":{\"Sheet1\":[");
        for (int r = 1; r <= IMPORT_ROWS; r++) {
            sheet.append(r > 1 ? "," : "")
                    .append("[")
                    .append(r)
                    .append(",\"=A")
                    .append(r)
                    .append("*1.2\",")
                    .append(r == 1 ? "\"=B1\"" : "\"=C" + (r - 1) + "+B" + r + "\"")
                    .append("]");
        }
        this.importBody = sheet.append("]}}").toString();
    }

    public static void main(String[] args) throws Exception {
        String gateway = null;
        String direct = null;
        int seconds = 12;
        int warmup = 6;
        int count = 100;
        int rows = 200;
        int clients = 16;
        int linkCount = 10;
        int timeout = 300;
        int portOffset = 13_000; // below the ephemeral port range (32768+)
        List<String> phases = List.of("mixed", "single", "batch", "hot");
        List<String> jvmArgs = null;
        boolean startupCache = true;
        List<String> skipped = List.of();
        // tracing: the local stack's default (a Zipkin server, every span sampled), --sampling P, or --no-tracing
        String sampling = null;
        boolean tracing = true;
        Path out = Path.of("accountant-load.out");
        Path jfr = null;
        String barrier = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--direct" -> direct = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--workbooks" -> count = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--links" -> linkCount = Integer.parseInt(args[++i]);
                case "--phases" -> phases = List.of(args[++i].split(","));
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--port-offset" -> portOffset = Integer.parseInt(args[++i]);
                case "--skip" -> skipped = List.of(args[++i].split(","));
                case "--no-startup-cache" -> startupCache = false;
                case "--no-tracing" -> tracing = false;
                case "--sampling" -> sampling = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]);
                case "--barrier" -> barrier = args[++i];
                case "--service-jvm-args" -> jvmArgs = List.of(args[++i].trim().split("\\s+"));
                case "--sustained" -> {
                    phases = List.of("mixed");
                    seconds = 600;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LocalStack stack = null;
        long launched = System.nanoTime();
        if (gateway == null) {
            Path home = Path.of(System.getProperty("ledgerflow.home", ".")).toAbsolutePath();
            LocalStackOptions options = LocalStackOptions.defaults(home)
                    // fresh data every run; the start-up cache beside it is kept from run to run
                    .withStateDir(Path.of(System.getProperty("java.io.tmpdir"), "ledgerflow-load"))
                    .withFresh(true)
                    .withStartupCache(startupCache)
                    .withPortOffset(portOffset)
                    .withHealthTimeout(Duration.ofSeconds(timeout))
                    // One load generator is one client: the gateway's per-client limit would cap it.
                    .withEnv("RATE_LIMIT_ENABLED", "false")
                    .withEnv("AUTH_JWT_SECRET", Tokens.secret());
            if (!tracing) { // no trace server, no export, and no span recorded (the context still travels)
                options = options.withEnv(LocalStackOptions.TRACING_EXPORT_ENABLED, "false")
                        .withEnv("TRACING_SAMPLING_PROBABILITY", "0.0");
            } else if (sampling != null) { // e.g. 0.1, the services' default outside the local stack
                options = options.withEnv("TRACING_SAMPLING_PROBABILITY", sampling);
            }
            if (jvmArgs != null) {
                options = options.withServiceJvmArgs(jvmArgs);
            }
            // e.g. a JFR recording per service: -XX:StartFlightRecording=filename=/tmp/{module}.jfr,settings=profile
            options = options.withExtraServiceJvmArgs(System.getenv(LocalStackOptions.JVM_OPTS_VARIABLE));
            for (String module : skipped) { // e.g. data-sharing-service,pong-service: idle in this workload
                options = options.withSkipped(module);
            }
            stack = LocalStack.start(options, line -> System.err.println("[local-stack] " + line));
            gateway = stack.endpoints().gatewayUrl();
            direct = stack.endpoints()
                    .service("calculation-service")
                    .orElseThrow()
                    .url();
        }
        double readySeconds = (System.nanoTime() - launched) / 1e9;
        LocalStack running = stack;
        ProcessCpu cpu = running == null ? null : new ProcessCpu(running::processGroups);
        AccountantLoad load = new AccountantLoad(gateway, direct, rows, clients);
        try {
            load.setUp(count, linkCount);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("workbooks", count);
            context.put("rows", rows);
            context.put("tracing", tracing ? (sampling != null ? sampling : "1.0") : "off");
            context.put("readySeconds", readySeconds);
            context.put(
                    "serviceJvmArgs",
                    String.join(
                            " ", running == null ? List.of() : running.options().serviceJvmArgs()));
            if (barrier != null) {
                awaitOthers(barrier);
            }
            if (warmup > 0) {
                load.phase("mixed", warmup, null);
            }
            List<LoadReport> reports = new ArrayList<>();
            for (String phase : phases) {
                context.put(
                        "loadAverage",
                        Files.readString(Path.of("/proc/loadavg"))
                                .substring(0, 14)
                                .trim());
                PhaseProfiles profiles =
                        jfr == null || running == null ? null : new PhaseProfiles(jfr, running::processGroups);
                if (profiles != null) {
                    profiles.start(phase);
                }
                LoadReport report = load.phase(phase, seconds, cpu);
                if (profiles != null) {
                    profiles.stop();
                }
                reports.add(report);
                System.out.println(report.json(context));
            }
            System.out.println();
            System.out.println(LoadReport.table(reports));
            System.out.println(load.verify());
            if (running != null) {
                long rss = running.memory().stream()
                        .mapToLong(LocalStack.MemoryUsage::rssKib)
                        .sum();
                System.out.printf(
                        Locale.ROOT,
                        "stack ready after %.1f s; RSS now %d MiB (all processes)%n",
                        readySeconds,
                        rss / 1024);
            }
        } finally {
            load.pool.shutdownNow();
            if (stack != null) {
                stack.close();
            }
        }
    }

    /**
     * {@code DIR:N}: marks this run ready in {@code DIR}, then waits until {@code N} runs are, so that two stacks
     * compared side by side (before and after a change, same moment, same machine load) start their load together.
     */
    private static void awaitOthers(String barrier) throws Exception {
        int colon = barrier.lastIndexOf(':');
        Path dir = Files.createDirectories(Path.of(barrier.substring(0, colon)));
        int runs = Integer.parseInt(barrier.substring(colon + 1));
        Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".ready"), "");
        Awaitility.await()
                .atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (var ready = Files.list(dir)) {
                        return ready.filter(p -> p.toString().endsWith(".ready"))
                                        .count()
                                >= runs;
                    }
                });
    }

    /** A result line: to standard output and appended to {@code out} (the broker's log shares standard output). */
    private static void result(Path out, String line) throws java.io.IOException {
        System.out.println(line);
        Files.writeString(
                out, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    // ------------------------------------------------------------------------------ set-up

    private String calc(String base) {
        return base + "/api/calc/workspaces/" + workspace + "/workbooks";
    }

    private void setUp(int count, int linkCount) throws Exception {
        expected = new double[count][rows + 1];
        List<Future<String>> created = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            int index = w;
            created.add(pool.submit(() -> create(index)));
        }
        for (int w = 0; w < count; w++) {
            workbooks.add(created.get(w).get());
            for (int r = 1; r <= rows; r++) {
                expected[w][r] = r;
            }
        }
        String documents = gateway + "/api/linking/workspaces/" + workspace + "/documents";
        AtomicInteger learnt = new AtomicInteger();
        try { // linking learns of workbooks through the log
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        String body = send("GET", documents, null).body();
                        learnt.set(
                                (int) workbooks.stream().filter(body::contains).count());
                        return learnt.get() == workbooks.size();
                    });
        } catch (ConditionTimeoutException e) {
            // the load goes on with the links linking can make; the line below says how many it knew
        }
        int known = learnt.get();
        for (int i = 0; i < Math.min(linkCount, count / 2); i++) {
            String source = workbooks.get(i);
            String destination = workbooks.get(i + count / 2);
            HttpResponse<String> link = send(
                    "POST",
                    gateway + "/api/linking/workspaces/" + workspace + "/links",
                    "{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"Sheet1!E1\"},"
                            + "\"destination\":{\"workbookId\":\"" + destination + "\",\"ref\":\"Sheet1!F1\"}}");
            require(link, 201);
            links.add(new String[] {source, destination});
            linkValues.put(i, 0.0);
        }
        System.err.printf(
                "[load] %d workbooks of %d rows, %d links, %d of them known to linking%n",
                count, rows, links.size(), known);
    }

    private String create(int index) throws Exception {
        StringBuilder json = new StringBuilder("{\"name\":\"Ledger " + index + "\",\"sheets\":{\"Sheet1\":[");
        for (int r = 1; r <= rows; r++) {
            json.append(r > 1 ? "," : "")
                    .append('[')
                    .append(r)
                    .append(",\"=A")
                    .append(r)
                    .append("*1.2\",")
                    .append(r == 1 ? "\"=B1\"" : "\"=C" + (r - 1) + "+B" + r + "\"");
            if (r == 1) {
                json.append(",\"=SUM(B1:B").append(rows).append(")\",0,0,\"=F1*2\"");
            }
            json.append(']');
        }
        HttpResponse<String> response =
                send("POST", calc(gateway), json.append("]}}").toString());
        require(response, 201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    // ------------------------------------------------------------------------------ phases

    private LoadReport phase(String name, int seconds, ProcessCpu cpu) throws Exception {
        int[] mix; // single, batch, read, import (per mille)
        int phaseClients = clients;
        boolean hot = false;
        String base = gateway;
        switch (name) {
            case "mixed" -> mix = new int[] {600, 250, 148, 2};
            case "single" -> mix = new int[] {1000, 0, 0, 0};
            case "batch" -> mix = new int[] {0, 1000, 0, 0};
            case "hot" -> {
                mix = new int[] {1000, 0, 0, 0};
                hot = true;
            }
            default -> {
                if (!name.matches("(gateway|direct)-read-\\d+")) {
                    throw new IllegalArgumentException("unknown phase " + name);
                }
                mix = new int[] {0, 0, 1000, 0};
                phaseClients = Math.min(clients, Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
                base = name.startsWith("direct") ? direct : gateway;
            }
        }
        LoadReport report = new LoadReport(name, phaseClients);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Map<String, Double> cpuBefore = cpu == null ? Map.of() : cpu.sample();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < phaseClients; c++) {
            Client client = new Client(c, report, mix, hot, calc(base), end);
            running.add(pool.submit(() -> {
                client.run();
                return null;
            }));
        }
        Future<?> prober = mix[0] + mix[1] > 0 && !links.isEmpty() ? pool.submit(() -> probeLinks(report, end)) : null;
        for (Future<?> future : running) {
            future.get();
        }
        if (prober != null) {
            prober.get();
        }
        report.seconds = (System.nanoTime() - start) / 1e9;
        if (cpu != null) {
            report.cpuSeconds = ProcessCpu.delta(cpuBefore, cpu.sample());
        }
        report.firstErrors.forEach(error -> System.err.println("[load] error: " + error));
        return report;
    }

    /** One client: its own rows of every workbook (so the last value it wrote is the expected one). */
    private final class Client {
        private final int index;
        private final LoadReport report;
        private final int[] mix;
        private final boolean hot;
        private final String api;
        private final long end;
        private final int[] owned;

        Client(int index, LoadReport report, int[] mix, boolean hot, String api, long end) {
            this.index = index;
            this.report = report;
            this.mix = mix;
            this.hot = hot;
            this.api = api;
            this.end = end;
            this.owned = java.util.stream.IntStream.rangeClosed(1, rows)
                    .filter(r -> (r - 1) % clients == index)
                    .toArray();
        }

        void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < end) {
                int dice = random.nextInt(1000);
                int w = hot ? 0 : random.nextInt(workbooks.size());
                String workbook = api + "/" + workbooks.get(w);
                long t = System.nanoTime();
                try {
                    if (dice < mix[0]) {
                        int row = owned[random.nextInt(owned.length)];
                        double value = random.nextInt(1, 1_000_000);
                        expected[w][row] = Double.NaN; // unknown until the answer
                        HttpResponse<String> response =
                                send("PUT", workbook + "/cells/Sheet1!A" + row, "{\"content\":" + (long) value + "}");
                        if (ok(response, 200)) {
                            expected[w][row] = value;
                            report.editNanos.add(System.nanoTime() - t);
                            report.edits.incrementAndGet();
                            report.cellEdits.incrementAndGet();
                        }
                    } else if (dice < mix[0] + mix[1]) {
                        int cells = Math.min(owned.length, mix[1] == 1000 ? 10 : random.nextInt(2, 11));
                        int first = random.nextInt(owned.length);
                        double[] values = new double[cells];
                        StringBuilder body = new StringBuilder("{\"cells\":[");
                        for (int i = 0; i < cells; i++) {
                            int row = owned[(first + i) % owned.length];
                            values[i] = random.nextInt(1, 1_000_000);
                            expected[w][row] = Double.NaN;
                            body.append(i > 0 ? "," : "")
                                    .append("{\"ref\":\"Sheet1!A")
                                    .append(row)
                                    .append("\",\"content\":")
                                    .append((long) values[i])
                                    .append('}');
                        }
                        HttpResponse<String> response = send(
                                "POST", workbook + "/edits", body.append("]}").toString());
                        if (ok(response, 200)) {
                            for (int i = 0; i < cells; i++) {
                                expected[w][owned[(first + i) % owned.length]] = values[i];
                            }
                            report.editNanos.add(System.nanoTime() - t);
                            report.edits.incrementAndGet();
                            report.cellEdits.addAndGet(cells);
                        }
                    } else if (dice < mix[0] + mix[1] + mix[2]) {
                        String range = mix[2] == 1000 ? "Sheet1!D1" : "Sheet1!A1:D20";
                        if (ok(send("GET", workbook + "/cells/" + range, null), 200)) {
                            report.readNanos.add(System.nanoTime() - t);
                            report.reads.incrementAndGet();
                        }
                    } else if (ok(send("POST", api, importBody), 201)) {
                        report.importNanos.add(System.nanoTime() - t);
                        report.imports.incrementAndGet();
                    }
                } catch (Exception e) {
                    report.error(e.toString());
                }
            }
        }

        private boolean ok(HttpResponse<String> response, int status) {
            if (response.statusCode() == status) {
                return true;
            }
            report.error(response.request().method() + " " + response.request().uri() + " -> " + response.statusCode()
                    + " " + response.body());
            return false;
        }
    }

    /** Edits a link's source cell, then reads its destination until the value arrived. */
    private Void probeLinks(LoadReport report, long end) throws Exception {
        String api = calc(gateway);
        int n = 0;
        while (System.nanoTime() < end) {
            int i = n++ % links.size();
            double value = ThreadLocalRandom.current().nextInt(1, 1_000_000);
            long t = System.nanoTime();
            linkValues.put(i, Double.NaN);
            HttpResponse<String> edit =
                    send("PUT", api + "/" + links.get(i)[0] + "/cells/Sheet1!E1", "{\"content\":" + (long) value + "}");
            if (edit.statusCode() != 200) {
                report.error("link source edit -> " + edit.statusCode() + " " + edit.body());
                continue;
            }
            linkValues.put(i, value);
            String destination = api + "/" + links.get(i)[1] + "/cells/Sheet1!F1";
            long deadline = t + Duration.ofSeconds(20).toNanos();
            while (number(send("GET", destination, null).body()) != value) {
                report.probeReads.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    report.error("link " + i + " did not deliver " + value + " within 20 s");
                    break;
                }
                Thread.sleep(2);
            }
            report.linkedNanos.add(System.nanoTime() - t);
            Thread.sleep(100);
        }
        return null;
    }

    // ------------------------------------------------------------------------------ check

    /** Reads every workbook back: inputs as written, each formula's value, links delivered. */
    private String verify() throws Exception {
        String api = calc(gateway);
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (int w = 0; w < workbooks.size(); w++) {
            JsonNode cells = JSON.readTree(
                            require(send("GET", api + "/" + workbooks.get(w) + "/cells/Sheet1!A1:D" + rows, null), 200)
                                    .body())
                    .get("cells");
            double[][] grid = new double[rows + 1][4];
            for (double[] row : grid) {
                Arrays.fill(row, Double.NaN);
            }
            for (JsonNode cell : cells) {
                String ref = cell.get("ref").asString();
                ref = ref.substring(ref.indexOf('!') + 1);
                int col = ref.charAt(0) - 'A';
                int row = Integer.parseInt(ref.substring(1));
                // an empty cell has no value member; an error or a text is not a number (NaN: reported below)
                JsonNode value = cell.get("value").get("value");
                grid[row][col] = value != null && value.isNumber() ? value.asDouble() : Double.NaN;
            }
            double total = 0;
            for (int r = 1; r <= rows; r++) {
                double a = grid[r][0];
                if (!Double.isNaN(expected[w][r]) && a != expected[w][r]) {
                    wrong.add(workbooks.get(w) + " A" + r + " = " + a + ", wrote " + expected[w][r]);
                }
                total += grid[r][1];
                if (!close(grid[r][1], a * 1.2) || !close(grid[r][2], total)) {
                    wrong.add(workbooks.get(w) + " row " + r + ": B/C " + grid[r][1] + "/" + grid[r][2]);
                }
                checked += 3;
            }
            if (!close(grid[1][3], total)) {
                wrong.add(workbooks.get(w) + " D1 = " + grid[1][3] + ", expected " + total);
            }
        }
        for (int i = 0; i < links.size(); i++) {
            double value = linkValues.get(i);
            String destination = api + "/" + links.get(i)[1] + "/cells/Sheet1!F1";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Double.isNaN(value) && number(send("GET", destination, null).body()) != value) {
                if (System.nanoTime() > deadline) {
                    wrong.add("link " + i + " destination never reached " + value);
                    break;
                }
                Thread.sleep(100);
            }
            checked++;
        }
        wrong.stream().limit(10).forEach(line -> System.err.println("[load] wrong: " + line));
        return String.format(
                Locale.ROOT, "{\"measure\":\"final-check\",\"cellsChecked\":%d,\"wrong\":%d}", checked, wrong.size());
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    }

    private static double number(String cellsBody) {
        JsonNode value =
                JSON.readTree(cellsBody).get("cells").get(0).get("value").get("value");
        return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", bearer)
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.GET();
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
