package io.ledgerflow.system.faults;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One more client: it publishes delta versions of the run's dataset, each setting row {@link #KEY}'s {@link #COLUMN}
 * to a number unique in the run (the op id), and records each publish in the history the way an edit is recorded —
 * the dataset stands where a workbook would, its version where a revision would — so the same checkers find a lost,
 * doubled or misordered publish. A dataset link carries the row into a workbook, which must converge to it.
 */
final class DatasetPublisher {

    static final String KEY = "K";
    static final String COLUMN = "value";

    private final Api api;
    private final String workspace;
    private final String dataset;
    private final History history;
    private final AtomicLong ids;
    private final int client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    DatasetPublisher(Api api, String workspace, String dataset, History history, AtomicLong ids, int client) {
        this.api = api;
        this.workspace = workspace;
        this.dataset = dataset;
        this.history = history;
        this.ids = ids;
        this.client = client;
    }

    /** The dataset's columns and key, as the create request wants them. */
    static String createRequest(String name) {
        return "{\"name\":\"" + name + "\",\"columns\":[{\"name\":\"key\",\"type\":\"text\"},{\"name\":\"" + COLUMN
                + "\",\"type\":\"number\"}],\"primaryKey\":[\"key\"]}";
    }

    static String rowsPath(String workspace, String dataset) {
        return "/api/sharing/workspaces/" + workspace + "/datasets/" + dataset;
    }

    /** The row's value at {@code version} (latest when null); null when the version or the row does not exist. */
    static Double value(Api api, String workspace, String dataset, Long version) {
        Api.Answer read = api.get(rowsPath(workspace, dataset) + "/rows/by-key?key=" + KEY
                + (version == null ? "" : "&version=" + version));
        if (!read.ok()) {
            return null;
        }
        JsonNode value = read.body().path("rows").path(0).path(COLUMN);
        return value.isNumber() ? value.asDouble() : null;
    }

    void start(long seed) {
        Random random = new Random(seed * 31 - 7);
        thread = Thread.ofPlatform().name("faults-publisher").daemon().start(() -> run(random));
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    private void run(Random random) {
        while (running.get()) {
            if (!Workload.thinkTime(publish(), 150, 150, random)) {
                return;
            }
        }
    }

    private Api.Answer publish() {
        long id = ids.incrementAndGet();
        double value = id;
        history.invoke(id, client, Op.Kind.PUBLISH, dataset, Map.of(KEY, value));
        long invoked = System.nanoTime();
        Api.Answer answer = api.send(
                "POST",
                rowsPath(workspace, dataset) + "/versions",
                "{\"kind\":\"delta\",\"rows\":[{\"key\":\"" + KEY + "\",\"" + COLUMN + "\":" + id + "}]}",
                null);
        history.complete(new Op(
                id,
                client,
                Op.Kind.PUBLISH,
                dataset,
                invoked,
                System.nanoTime(),
                answer.outcome(),
                null,
                answer.ok() ? answer.body().path("version").asLong(-1) : -1,
                Map.of(KEY, value),
                answer.detail()));
        return answer;
    }
}
