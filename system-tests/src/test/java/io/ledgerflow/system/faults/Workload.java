package io.ledgerflow.system.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The clients: each thread edits and reads the workload's workbooks through the gateway — single-cell edits with and
 * without {@code If-Match}, atomic batches, reads of the three cells with {@code minRevision} (its own latest
 * acknowledged revision: read-your-writes) — and records every request in the history. Every value written is unique
 * in the run ({@code op id * 10 + cell}), so its effect can be found and counted afterwards.
 */
final class Workload {

    static final List<String> CELLS = List.of("A1", "B1", "C1");

    private final Supplier<Api> api;
    private final String workspace;
    private final List<String> workbooks;
    private final History history;
    private final AtomicLong ids;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Workload(Supplier<Api> api, String workspace, List<String> workbooks, History history, AtomicLong ids) {
        this.api = api;
        this.workspace = workspace;
        this.workbooks = workbooks;
        this.history = history;
        this.ids = ids;
    }

    void start(int clients, long seed) {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = Thread.ofPlatform()
                    .name("faults-client-" + c)
                    .daemon()
                    .start(() -> run(client, new Random(seed * 31 + client)));
            threads.add(thread);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void run(int client, Random random) {
        Api gateway = api.get();
        Map<String, Long> seen = new ConcurrentHashMap<>(); // the latest revision this client saw acknowledged
        while (running.get()) {
            String workbook = workbooks.get(random.nextInt(workbooks.size()));
            int dice = random.nextInt(100);
            Api.Answer answer;
            if (dice < 35) {
                boolean conditional = random.nextBoolean();
                answer = write(gateway, client, workbook, conditional ? seen.get(workbook) : null, 1, random, seen);
            } else if (dice < 60) {
                answer = write(gateway, client, workbook, null, 2 + random.nextInt(2), random, seen);
            } else {
                answer = read(gateway, client, workbook, seen);
            }
            if (!thinkTime(answer, 10, 40, random)) {
                return;
            }
        }
    }

    /**
     * A client's pause before its next request (pacing, not a wait for an effect): {@code least} ms plus up to
     * {@code spread} more — a client, not a load generator — and 500 ms while the system is down (no answer or a 5xx).
     *
     * @return false when interrupted (the run is stopping)
     */
    static boolean thinkTime(Api.Answer answer, int least, int spread, Random random) {
        try {
            Thread.sleep(answer.status() < 0 || answer.status() >= 500 ? 500 : least + random.nextInt(spread));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String cells(String workbook) {
        return "/api/calc/workspaces/" + workspace + "/workbooks/" + workbook;
    }

    private Api.Answer write(
            Api gateway, int client, String workbook, Long ifMatch, int count, Random random, Map<String, Long> seen) {
        long id = ids.incrementAndGet();
        List<String> chosen = new ArrayList<>(CELLS);
        java.util.Collections.shuffle(chosen, random);
        Map<String, Double> values = new LinkedHashMap<>();
        for (String cell : chosen.subList(0, count)) {
            values.put(cell, (double) (id * 10 + CELLS.indexOf(cell)));
        }
        Op.Kind kind = count == 1 ? Op.Kind.WRITE : Op.Kind.BATCH;
        history.invoke(id, client, kind, workbook, Map.of("cells", values, "ifMatch", String.valueOf(ifMatch)));
        long invoked = System.nanoTime();
        Api.Answer answer;
        if (kind == Op.Kind.WRITE) {
            Map.Entry<String, Double> only = values.entrySet().iterator().next();
            answer = gateway.send(
                    "PUT",
                    cells(workbook) + "/cells/Sheet1!" + only.getKey(),
                    "{\"content\":" + only.getValue().longValue() + "}",
                    ifMatch == null ? null : "\"" + ifMatch + "\"");
        } else {
            StringBuilder body = new StringBuilder("{\"cells\":[");
            values.forEach((cell, value) -> body.append(body.length() > 10 ? "," : "")
                    .append("{\"ref\":\"Sheet1!")
                    .append(cell)
                    .append("\",\"content\":")
                    .append(value.longValue())
                    .append('}'));
            answer = gateway.send(
                    "POST", cells(workbook) + "/edits", body.append("]}").toString(), null);
        }
        long revision = answer.ok() ? answer.body().path("revision").asLong(-1) : -1;
        if (answer.ok()) {
            seen.merge(workbook, revision, Math::max);
        }
        history.complete(new Op(
                id,
                client,
                kind,
                workbook,
                invoked,
                System.nanoTime(),
                answer.outcome(),
                ifMatch,
                revision,
                values,
                answer.detail()));
        return answer;
    }

    private Api.Answer read(Api gateway, int client, String workbook, Map<String, Long> seen) {
        long id = ids.incrementAndGet();
        Long minRevision = seen.get(workbook);
        history.invoke(id, client, Op.Kind.READ, workbook, Map.of("minRevision", String.valueOf(minRevision)));
        long invoked = System.nanoTime();
        Api.Answer answer = gateway.get(
                cells(workbook) + "/cells/Sheet1!A1:C1" + (minRevision == null ? "" : "?minRevision=" + minRevision));
        long revision = -1;
        Map<String, Double> values = new LinkedHashMap<>();
        if (answer.ok()) {
            revision = answer.body().path("revision").asLong(-1);
            values = numbers(answer.body());
            seen.merge(workbook, revision, Math::max);
        }
        history.complete(new Op(
                id,
                client,
                Op.Kind.READ,
                workbook,
                invoked,
                System.nanoTime(),
                answer.outcome(),
                minRevision,
                revision,
                values,
                answer.detail()));
        return answer;
    }

    /** The numbers of a cells read ({@code A1 -> 12.0}); a cell that is not a number is left out. */
    static Map<String, Double> numbers(JsonNode read) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode cell : read.path("cells")) {
            JsonNode value = cell.path("value").path("value");
            if (value.isNumber()) {
                String ref = cell.path("ref").asString();
                values.put(ref.substring(ref.indexOf('!') + 1), value.asDouble());
            }
        }
        return values;
    }
}
