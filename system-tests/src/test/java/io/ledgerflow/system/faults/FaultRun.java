package io.ledgerflow.system.faults;

import static org.awaitility.Awaitility.await;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.system.faults.check.Anomaly;
import io.ledgerflow.system.faults.check.ConvergenceChecker;
import io.ledgerflow.system.faults.check.ExactlyOnceChecker;
import io.ledgerflow.system.faults.check.IfMatchChecker;
import io.ledgerflow.system.faults.check.LinearizabilityChecker;
import io.ledgerflow.system.faults.check.LostWriteChecker;
import io.ledgerflow.system.faults.check.PongChecker;
import io.ledgerflow.testsupport.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of the fault harness against a started stack: set up the workbooks, links and games; run the clients and
 * the nemesis for {@code duration}; heal, quiesce, and check the history and the final state.
 */
public final class FaultRun {

    /** What a run is asked to do. */
    public record Settings(long seed, Duration duration, int clients, Duration clientTimeout, Duration gap) {}

    /** What a run did and found. */
    public record Result(
            Settings settings,
            Map<Op.Kind, Map<Op.Outcome, Integer>> operations,
            List<Nemesis.Fault> faults,
            Duration convergence,
            List<Anomaly> anomalies,
            Path history) {}

    static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(120);

    /** A destination's source when it is the publisher's row of a dataset: {@code dataset:<id>}. */
    private static final String DATASET = "dataset:";

    private final LocalStack stack;
    private final Settings settings;
    private final Path historyFile;
    private final String workspace;
    private final AtomicLong ids = new AtomicLong();

    public FaultRun(LocalStack stack, Settings settings, Path historyFile) {
        this.stack = stack;
        this.settings = settings;
        this.historyFile = historyFile;
        this.workspace = "faults-" + Long.toHexString(settings.seed() & 0xffffffL) + "-"
                + Long.toHexString(System.nanoTime() & 0xfffL);
    }

    public Result run() throws Exception {
        Api api = api(Duration.ofSeconds(30));
        try (History history = new History(historyFile)) {
            // the workbooks the clients edit; W0 is also the source of every link
            List<String> edited = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                edited.add(createWorkbook(api, "W" + i, "[[0,0,0]]"));
            }
            String probe = createWorkbook(api, "Probe", "[[0]]");
            Map<String, String> destinations = new LinkedHashMap<>(); // destination -> its source "wb!cell"
            List<String> linked = new ArrayList<>();
            for (String name : List.of("Chain1", "Chain2", "Fan1", "Fan2", "Fan3", "FromData")) {
                linked.add(createWorkbook(api, name, "[[null]]"));
            }
            for (String workbook : concat(edited, linked)) {
                awaitLinkingKnows(api, workbook);
            }
            String w0 = edited.getFirst();
            link(api, history, w0, "A1", linked.get(0), destinations); // chain: W0!A1 -> Chain1 -> Chain2
            link(api, history, linked.get(0), "A1", linked.get(1), destinations);
            for (String fan : linked.subList(2, 5)) { // fan-out: W0!B1 -> Fan1, Fan2, Fan3
                link(api, history, w0, "B1", fan, destinations);
            }
            // a dataset whose row K a publisher keeps changing, linked into FromData!A1
            String dataset = createDataset(api);
            String datasetLink = "{\"type\":\"dataset\",\"documentId\":\"" + dataset + "\",\"column\":\""
                    + DatasetPublisher.COLUMN + "\",\"key\":[\"" + DatasetPublisher.KEY + "\"]}";
            // linking learns of the dataset and its rows from the log: the link is retried until it has
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> link(api, history, datasetLink, linked.get(5)).ok());
            destinations.put(linked.get(5), DATASET + dataset);
            List<Game> games = List.of(createGame(api, history, false), createGame(api, history, true));

            Workload workload = new Workload(() -> api(settings.clientTimeout()), workspace, edited, history, ids);
            DatasetPublisher publisher = new DatasetPublisher(
                    api(settings.clientTimeout()), workspace, dataset, history, ids, settings.clients());
            Api probing = api(settings.clientTimeout());
            Nemesis nemesis = new Nemesis(
                    stack,
                    history,
                    settings.seed(),
                    settings.clientTimeout().plusSeconds(2),
                    settings.gap(),
                    () -> probe(probing, probe, games.getFirst().id()));
            workload.start(settings.clients(), settings.seed());
            publisher.start(settings.seed());
            nemesis.start();
            Thread.sleep(settings.duration());
            // a short run lasts until every kind of fault happened once (a kill's restart alone takes ~40 s)
            try {
                await().atMost(Duration.ofMinutes(15))
                        .pollInterval(Duration.ofMillis(250))
                        .until(nemesis::everyKindInjected);
            } catch (ConditionTimeoutException e) {
                // the run goes on to its checks: the test asserts on the faults that did happen
            }
            nemesis.stop();
            workload.stop();
            publisher.stop();
            long quiet = System.nanoTime();

            List<Anomaly> anomalies = new ArrayList<>();
            List<Op> ops = history.ops();
            ApiState state = new ApiState(api, workspace, Set.of(dataset));
            anomalies.addAll(LostWriteChecker.check(ops, state));
            anomalies.addAll(IfMatchChecker.check(ops, state));
            anomalies.addAll(LinearizabilityChecker.check(ops, state));
            anomalies.addAll(ExactlyOnceChecker.check(ops, state, linked));
            List<ConvergenceChecker.Destination> converged = converge(api, destinations, quiet);
            anomalies.addAll(ConvergenceChecker.check(converged, CONVERGENCE_BOUND));
            for (Game game : games) {
                anomalies.addAll(PongChecker.check(game.finish(api, history)));
            }
            Duration convergence = converged.stream()
                    .map(ConvergenceChecker.Destination::convergedAfter)
                    .filter(java.util.Objects::nonNull)
                    .max(Duration::compareTo)
                    .orElse(null);
            return new Result(settings, count(history.ops()), nemesis.faults(), convergence, anomalies, historyFile);
        }
    }

    private Api api(Duration timeout) {
        return new Api(stack.endpoints().gatewayUrl(), workspace, timeout);
    }

    private String calc() {
        return "/api/calc/workspaces/" + workspace + "/workbooks";
    }

    private String createWorkbook(Api api, String name, String rows) {
        Api.Answer created =
                api.send("POST", calc(), "{\"name\":\"" + name + "\",\"sheets\":{\"Sheet1\":" + rows + "}}", null);
        if (!created.ok()) {
            throw new IllegalStateException("cannot create workbook " + name + ": " + created.detail());
        }
        return created.body().path("id").asString();
    }

    private void awaitLinkingKnows(Api api, String workbook) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/linking/workspaces/" + workspace + "/documents")
                        .body()
                        .toString()
                        .contains(workbook));
    }

    private String createDataset(Api api) {
        String datasets = "/api/sharing/workspaces/" + workspace + "/datasets";
        Api.Answer created = api.send("POST", datasets, DatasetPublisher.createRequest("Faults"), null);
        if (!created.ok()) {
            throw new IllegalStateException("cannot create the dataset: " + created.detail());
        }
        String dataset = created.body().path("id").asString();
        Api.Answer first = api.send(
                "POST",
                DatasetPublisher.rowsPath(workspace, dataset) + "/versions",
                "{\"kind\":\"full\",\"rows\":[{\"key\":\"" + DatasetPublisher.KEY + "\",\"" + DatasetPublisher.COLUMN
                        + "\":0}]}",
                null);
        if (!first.ok()) {
            throw new IllegalStateException("cannot publish the dataset's first version: " + first.detail());
        }
        return dataset;
    }

    private void link(
            Api api, History history, String source, String cell, String destination, Map<String, String> map) {
        String json = "{\"type\":\"workbook\",\"documentId\":\"" + source + "\",\"ref\":\"Sheet1!" + cell + "\"}";
        Api.Answer answer = link(api, history, json, destination);
        if (!answer.ok()) {
            throw new IllegalStateException("cannot link " + source + " to " + destination + ": " + answer.detail());
        }
        map.put(destination, source + "!" + cell);
    }

    /** One link request from {@code source} (the request's source object) to {@code destination}!A1, in the history. */
    private Api.Answer link(Api api, History history, String source, String destination) {
        long id = ids.incrementAndGet();
        history.invoke(id, -1, Op.Kind.LINK, destination, Map.of("source", source));
        long invoked = System.nanoTime();
        Api.Answer answer = api.send(
                "POST",
                "/api/linking/workspaces/" + workspace + "/links",
                "{\"source\":" + source + ",\"destination\":{\"workbookId\":\"" + destination
                        + "\",\"ref\":\"Sheet1!A1\"},\"publishMode\":\"auto\"}",
                null);
        history.complete(new Op(
                id,
                -1,
                Op.Kind.LINK,
                destination,
                invoked,
                System.nanoTime(),
                answer.outcome(),
                null,
                -1,
                Map.of(),
                answer.detail()));
        return answer;
    }

    /** The probe that says the system recovered: an edit and a read of it, and a read of a game, through the gateway. */
    private boolean probe(Api api, String workbook, String game) {
        Api.Answer edit = api.send(
                "PUT", calc() + "/" + workbook + "/cells/Sheet1!A1", "{\"content\":" + System.nanoTime() + "}", null);
        if (!edit.ok()) {
            return false;
        }
        long revision = edit.body().path("revision").asLong();
        return api.get(calc() + "/" + workbook + "/cells/Sheet1!A1?minRevision=" + revision)
                        .ok()
                && api.get("/api/linking/workspaces/" + workspace + "/links").ok()
                && api.get("/api/pong/workspaces/" + workspace + "/games/" + game)
                        .ok();
    }

    /** Waits (up to the bound) for every destination to hold its source's value, and says how long each took. */
    private List<ConvergenceChecker.Destination> converge(Api api, Map<String, String> destinations, long quiet) {
        Map<String, Duration> after = new LinkedHashMap<>();
        Map<String, Double[]> values = new LinkedHashMap<>();
        long deadline =
                quiet + CONVERGENCE_BOUND.toNanos() + Duration.ofSeconds(30).toNanos();
        while (after.size() < destinations.size() && System.nanoTime() < deadline) {
            destinations.forEach((destination, source) -> {
                if (after.containsKey(destination)) {
                    return;
                }
                String[] ref = source.split("!");
                Double from = source.startsWith(DATASET)
                        ? DatasetPublisher.value(api, workspace, source.substring(DATASET.length()), null)
                        : cell(api, ref[0], ref[1]);
                Double to = cell(api, destination, "A1");
                values.put(destination, new Double[] {from, to});
                if (from != null && from.equals(to)) {
                    after.put(destination, Duration.ofNanos(System.nanoTime() - quiet));
                }
            });
            sleepQuietly(Duration.ofMillis(250));
        }
        List<ConvergenceChecker.Destination> result = new ArrayList<>();
        destinations.forEach((destination, source) -> {
            Double[] seen = values.getOrDefault(destination, new Double[2]);
            result.add(new ConvergenceChecker.Destination(
                    source + " -> " + destination + "!A1", destination, seen[0], seen[1], after.get(destination)));
        });
        return result;
    }

    private Double cell(Api api, String workbook, String cell) {
        Api.Answer read = api.get(calc() + "/" + workbook + "/cells/Sheet1!" + cell);
        return read.ok() ? Workload.numbers(read.body()).get(cell) : null;
    }

    private Game createGame(Api api, History history, boolean player) {
        Api.Answer created = api.send(
                "POST",
                "/api/pong/workspaces/" + workspace + "/games",
                "{\"name\":\"Faults\",\"players\":2,\"balls\":20,\"shards\":2}",
                null);
        if (!created.ok()) {
            throw new IllegalStateException("cannot create a game: " + created.detail());
        }
        String id = created.body().path("id").asString();
        String playerToken = null;
        if (player) {
            Api.Answer joined = api.send(
                    "POST",
                    "/api/pong/workspaces/" + workspace + "/games/" + id + "/players",
                    "{\"name\":\"nemo\"}",
                    null);
            if (!joined.ok()) {
                throw new IllegalStateException("cannot join the game: " + joined.detail());
            }
            playerToken = joined.body().path("token").asString();
        }
        URI stream = URI.create(stack.endpoints().gatewayUrl().replaceFirst("^http", "ws") + "/api/pong/workspaces/"
                + workspace + "/games/" + id + "/stream");
        PongStream client = new PongStream(
                stream, Tokens.forWorkspaces(workspace), playerToken, id, history, ids, settings.clientTimeout());
        client.start(settings.seed());
        return new Game(id, player, client, stack.endpoints().kafkaBootstrapServers(), workspace);
    }

    private static Map<Op.Kind, Map<Op.Outcome, Integer>> count(List<Op> ops) {
        Map<Op.Kind, Map<Op.Outcome, Integer>> counts = new EnumMap<>(Op.Kind.class);
        for (Op op : ops) {
            counts.computeIfAbsent(op.kind(), k -> new EnumMap<>(Op.Outcome.class))
                    .merge(op.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
