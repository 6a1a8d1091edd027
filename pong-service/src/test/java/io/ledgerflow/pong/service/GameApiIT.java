package io.ledgerflow.pong.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.log.GameReplica;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.pong.log.Resimulation;
import io.ledgerflow.pong.service.game.GameResumer;
import io.ledgerflow.pong.service.runner.GameRunners;
import io.ledgerflow.pong.service.runner.PongTopics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.JsonWebSocket;
import io.ledgerflow.testsupport.TopicReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Games over real HTTP, PostgreSQL and Kafka: the lobby, its events and its isolation. */
@IntegrationTest
class GameApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GameRunners runners;

    @Autowired
    GameResumer resumer;

    Http http;
    String workspace;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        workspace = "ws-" + shortId();
    }

    @Test
    void aCreatedGameCanBeReadAndListedWithinItsWorkspaceOnly() {
        String id = create("Friday lunch", 4, 1000, 8);

        JsonNode game = JSON.readTree(http.get(games(workspace) + "/" + id).body());
        assertThat(game.get("name").asString()).isEqualTo("Friday lunch");
        assertThat(game.get("maxPlayers").asInt()).isEqualTo(4);
        assertThat(game.get("balls").asInt()).isEqualTo(1000);
        assertThat(game.get("shards").asInt()).isEqualTo(8);
        assertThat(game.get("players")).isEmpty();

        String second = create("Second", 2, 1, 1);
        JsonNode page = JSON.readTree(http.get(games(workspace) + "?size=1").body());
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);
        JsonNode next =
                JSON.readTree(http.get(games(workspace) + "?size=1&page=1").body());
        assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(second);

        String other = "other-" + shortId();
        Http.Response elsewhere = http.get(games(other) + "/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.isProblem()).isTrue();
        assertThat(http.postJson(games(other) + "/" + id + "/players", "{\"name\":\"eve\"}")
                        .status())
                .isEqualTo(404);
        assertThat(JSON.readTree(http.get(games(other)).body()).get("total").asLong())
                .isZero();
    }

    @Test
    void aCreatedGameRunsItsFramesThroughPongCore() {
        String id = create("Running", 2, 200, 4);

        long first = Awaitility.await().atMost(JsonWebSocket.PATIENCE).until(() -> frameOf(id), frame -> frame > 0);
        Awaitility.await().atMost(JsonWebSocket.PATIENCE).until(() -> frameOf(id), frame -> frame >= first + 5);
        JsonNode game = JSON.readTree(http.get(games(workspace) + "/" + id).body());
        assertThat(game.get("stateHash").asString()).matches("[0-9a-f]{1,16}");
    }

    @Test
    void aGamesLogGoesToTheFramesTopicKeyedByGameSnapshotFirstThenFramesInOrder() {
        String id = create("Logged", 3, 300, 2);

        List<JsonNode> entries = TopicReader.read(PongTopics.FRAMES.name(), id, 6, value -> true).stream()
                .map(JSON::readTree)
                .toList();

        assertThat(entries.getFirst().get("type").asString()).isEqualTo("Snapshot");
        assertThat(entries.getFirst().get("entry").get("frame").asLong()).isZero();
        assertThat(entries.getFirst().get("entry").get("balls")).hasSize(300);
        long previous = 0;
        for (JsonNode entry : entries.subList(1, entries.size())) {
            assertThat(entry.get("gameId").asString()).isEqualTo(id);
            assertThat(entry.get("type").asString()).isEqualTo("FrameCommitted");
            assertThat(entry.get("entry").get("frame").asLong()).isEqualTo(previous + 1);
            assertThat(entry.get("entry").has("stateHash")).isTrue();
            previous = entry.get("entry").get("frame").asLong();
        }
    }

    @Test
    void replayingTheFramesTopicReproducesTheStateHashTheGameLogged() {
        String id = create("Replayed", 4, 500, 4);

        List<JsonNode> messages = TopicReader.read(PongTopics.FRAMES.name(), id, 40, value -> true).stream()
                .map(JSON::readTree)
                .toList();
        InMemoryFrameLog log = new InMemoryFrameLog();
        for (JsonNode message : messages) {
            Class<? extends LogEntry> type = switch (message.get("type").asString()) {
                case "Snapshot" -> LogEntry.Snapshot.class;
                case "FrameCommitted" -> LogEntry.FrameCommitted.class;
                case "Correction" -> LogEntry.Correction.class;
                default -> throw new AssertionError("unknown entry " + message);
            };
            log.append(JSON.treeToValue(message.get("entry"), type));
        }
        LogEntry last = log.read(0).getLast();
        assertThat(last.frame()).isEqualTo(messages.size() - 1L).isGreaterThanOrEqualTo(39);

        GameReplica replica = GameReplica.fromStart(log);
        assertThat(replica.state().hash()).isEqualTo(last.stateHash());
        assertThat(Resimulation.run(log).hash()).isEqualTo(last.stateHash());
    }

    @Test
    void aWebSocketClientJoiningMidGameGetsTheSnapshotThenConsecutiveFramesAndAnErrorForAMessage() throws Exception {
        String id = create("Streamed", 2, 100, 2);
        Awaitility.await().atMost(JsonWebSocket.PATIENCE).until(() -> frameOf(id), frame -> frame >= 10);

        try (JsonWebSocket stream = stream(workspace, id)) {
            List<JsonNode> messages = stream.awaitCount(15);
            assertThat(messages.getFirst().get("type").asString()).isEqualTo("Snapshot");
            long previous = messages.getFirst().get("entry").get("frame").asLong();
            for (JsonNode message : messages.subList(1, messages.size())) {
                if (message.get("type").asString().equals("Snapshot")) {
                    // a periodic snapshot of the frame just committed
                    assertThat(message.get("entry").get("frame").asLong()).isEqualTo(previous);
                    continue;
                }
                assertThat(message.get("type").asString()).isEqualTo("FrameCommitted");
                assertThat(message.get("entry").get("frame").asLong()).isEqualTo(previous + 1);
                previous = message.get("entry").get("frame").asLong();
            }
            assertThat(previous)
                    .as("the backlog reaches past the frame we joined at")
                    .isGreaterThanOrEqualTo(10);

            stream.send("{not json");
            JsonNode error = stream.await(m -> m.path("type").asString().equals("error"));
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("title").asString()).isEqualTo("Malformed message");
            assertThat(stream.isOpen()).isTrue();
        }
    }

    @Test
    void anotherWorkspacesGameCannotBeStreamed() throws Exception {
        String id = create("Private", 2, 10, 1);
        try (JsonWebSocket stream = stream("other-" + shortId(), id)) {
            JsonNode first = stream.awaitCount(1).getFirst();
            assertThat(first.get("type").asString()).isEqualTo("error");
            assertThat(first.get("status").asInt()).isEqualTo(404);
            assertThat(stream.received())
                    .noneMatch(m -> m.path("type").asString().equals("Snapshot"));
        }
    }

    /**
     * The player protocol: hello with the join's token claims the paddle the join assigned; inputs steer it, late
     * ones are corrected by time warp (a Correction entry on the stream), too late ones are refused with the reason;
     * bad messages get an error naming what is wrong and the connection stays open.
     */
    @Test
    void aPlayerSteersTheirPaddleOverTheStreamAndLateInputsAreCorrectedOrRefused() throws Exception {
        String id = create("Played", 2, 20, 2);
        JsonNode ada = JSON.readTree(http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"ada\"}")
                .body());
        JsonNode bob = JSON.readTree(http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"bob\"}")
                .body());
        assertThat(ada.get("paddle").asInt()).isZero();
        assertThat(bob.get("paddle").asInt()).isEqualTo(1);
        Awaitility.await().atMost(JsonWebSocket.PATIENCE).until(() -> frameOf(id), frame -> frame >= 40);

        try (JsonWebSocket stream = stream(workspace, id)) {
            stream.awaitCount(2);
            assertThat(sendExpectingError(stream, "{\"type\":\"input\",\"frame\":1,\"dir\":1}")
                            .get("status")
                            .asInt())
                    .as("input before hello")
                    .isEqualTo(401);
            assertThat(sendExpectingError(stream, "{\"type\":\"hello\",\"token\":\"not-a-token\"}")
                            .get("status")
                            .asInt())
                    .as("a wrong token")
                    .isEqualTo(401);
            stream.send("{\"type\":\"hello\",\"token\":\"" + bob.get("token").asString() + "\"}");
            JsonNode welcome = stream.awaitType("welcome", 0);
            assertThat(welcome.get("paddle").asInt()).isEqualTo(1);
            assertThat(welcome.get("playerId").asString())
                    .isEqualTo(bob.get("playerId").asString());

            JsonNode foreign = sendExpectingError(stream, "{\"type\":\"input\",\"paddle\":0,\"frame\":1,\"dir\":1}");
            assertThat(foreign.get("status").asInt()).isEqualTo(403);
            assertThat(foreign.get("detail").asString()).contains("you steer paddle 1");
            assertThat(sendExpectingError(stream, "{\"type\":\"input\",\"frame\":1,\"dir\":7}")
                            .get("detail")
                            .asString())
                    .contains("dir must be -1, 0 or 1");
            assertThat(sendExpectingError(stream, "{\"type\":\"dance\"}")
                            .get("detail")
                            .asString())
                    .contains("hello, input, ping");

            // far enough ahead (3 s at 30 Hz) to arrive before its frame even on a loaded machine
            long head = Math.max(lastFrame(stream), frameOf(id)) + 90;
            stream.send("{\"type\":\"input\",\"seq\":1,\"frame\":" + (head + 5) + ",\"dir\":1}");
            JsonNode accepted = stream.await(m -> m.path("seq").asInt() == 1);
            assertThat(accepted.get("result").asString()).isEqualTo("accepted");
            assertThat(accepted.get("paddle").asInt()).isEqualTo(1);
            int centerBefore = paddleCenter(stream.await(frame(head + 4)), 1);
            int centerAfter = paddleCenter(stream.await(frame(head + 8)), 1);
            assertThat(centerAfter)
                    .as("the paddle moves from the input's frame on")
                    .isNotEqualTo(centerBefore);
            assertThat(paddleCenter(stream.await(frame(head + 8)), 0))
                    .as("the other paddle stays")
                    .isEqualTo(paddleCenter(stream.await(frame(head + 4)), 0));

            // a late input, 3 frames behind the game's head: it must reach the game within the rollback window (30
            // frames, 1 s); on a machine too loaded for that it is refused TOO_LATE, and sent again for a newer frame
            long now;
            int seen;
            JsonNode corrected;
            int seq = 100;
            do {
                now = frameOf(id);
                seen = stream.received().size();
                int s = ++seq;
                stream.send("{\"type\":\"input\",\"seq\":" + s + ",\"frame\":" + (now - 3) + ",\"dir\":-1}");
                corrected = stream.await(m -> m.path("seq").asInt() == s);
            } while (corrected.path("reason").asString().equals("TOO_LATE") && seq < 105);
            assertThat(corrected.get("result").asString()).isEqualTo("corrected");
            assertThat(corrected.get("fromFrame").asLong()).isEqualTo(now - 3);
            JsonNode correction = stream.awaitType("Correction", seen);
            assertThat(correction.get("entry").get("fromFrame").asLong()).isEqualTo(now - 3);
            assertThat(correction
                            .get("entry")
                            .get("inputs")
                            .get(0)
                            .get("player")
                            .asInt())
                    .isEqualTo(1);

            stream.send("{\"type\":\"input\",\"seq\":3,\"frame\":1,\"dir\":1}");
            JsonNode refused = stream.await(m -> m.path("seq").asInt() == 3);
            assertThat(refused.get("result").asString()).isEqualTo("refused");
            assertThat(refused.get("reason").asString()).isEqualTo("TOO_LATE");
            assertThat(refused.get("detail").asString()).contains("rollback window");

            stream.send("{\"type\":\"ping\",\"t\":42}");
            assertThat(stream.awaitType("pong", 0).get("t").asInt()).isEqualTo(42);
            assertThat(stream.isOpen()).isTrue();
        }
        List<Integer> paddles = new ArrayList<>();
        JSON.readTree(http.get(games(workspace) + "/" + id).body())
                .get("players")
                .forEach(player -> paddles.add(player.get("paddle").asInt()));
        assertThat(paddles).containsExactly(0, 1);
    }

    /** Sends a message that must be answered with an error; returns that error. */
    @Test
    void aPlayerFloodingInputsIsToldToSlowDownAndKeepsTheConnection() throws Exception {
        String id = create("Flooded", 2, 10, 1);
        JsonNode ada = JSON.readTree(http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"ada\"}")
                .body());
        try (JsonWebSocket stream = stream(workspace, id)) {
            stream.send("{\"type\":\"hello\",\"token\":\"" + ada.get("token").asString() + "\"}");
            stream.awaitType("welcome", 0);
            for (int i = 0; i < 200; i++) {
                stream.send("{\"type\":\"input\",\"seq\":" + i + ",\"frame\":100000,\"dir\":" + (i % 2) + "}");
            }
            JsonNode tooMany = stream.await(m -> m.path("status").asInt() == 429);
            assertThat(tooMany.get("detail").asString()).contains("inputs at once");
            // the burst went through to the game: each input got its result (too early for the game: refused)
            JsonNode first = stream.await(m -> m.path("type").asString().equals("inputResult"));
            assertThat(first.get("reason").asString()).isEqualTo("TOO_EARLY");
            assertThat(stream.isOpen()).isTrue();
        }
    }

    /**
     * A restart, as the service sees it: the game stops running (its runner is gone, as after kill -9) and is resumed
     * from its latest stored snapshot. It picks up exactly there, and the frames it commits again are the same frames,
     * bit for bit, as before the stop (no inputs in between: the simulation is deterministic).
     */
    @Test
    void aStoppedGameResumesFromItsLatestSnapshotAndRecommitsTheSameFrames() throws Exception {
        String id = create("Resumed", 2, 200, 2);
        UUID game = UUID.fromString(id);
        // stop 10 to 40 frames after a snapshot (one every 60 frames in the tests), far from the next one
        Awaitility.await()
                .atMost(JsonWebSocket.PATIENCE)
                .until(() -> frameOf(id), frame -> frame >= 60 && frame % 60 >= 10 && frame % 60 <= 40);
        runners.stop(game);
        assertThat(runners.live(game)).isEmpty();
        long snapshotFrame = Awaitility.await()
                .atMost(JsonWebSocket.PATIENCE)
                .until(() -> storedSnapshotFrame(game), frame -> frame >= 60);
        assertThat(snapshotFrame % 60).isZero();

        resumer.resumeAll();

        try (JsonWebSocket stream = stream(workspace, id)) {
            JsonNode first = stream.awaitCount(1).getFirst();
            assertThat(first.get("type").asString()).isEqualTo("Snapshot");
            assertThat(first.get("entry").get("frame").asLong()).isEqualTo(snapshotFrame);
        }
        Awaitility.await().atMost(JsonWebSocket.PATIENCE).until(() -> frameOf(id), frame -> frame > snapshotFrame + 10);
        // frames snapshotFrame+1 .. +10 were committed twice: before the stop and after the resume
        List<JsonNode> twice = TopicReader.read(PongTopics.FRAMES.name(), id, 20, value -> {
                    JsonNode message = JSON.readTree(value);
                    long frame = message.get("entry").get("frame").asLong();
                    return message.get("type").asString().equals("FrameCommitted")
                            && frame > snapshotFrame
                            && frame <= snapshotFrame + 10;
                })
                .stream()
                .map(JSON::readTree)
                .toList();
        for (int i = 0; i < 10; i++) {
            JsonNode before = twice.get(i).get("entry");
            JsonNode after = twice.get(i + 10).get("entry");
            assertThat(after.get("frame").asLong())
                    .isEqualTo(before.get("frame").asLong());
            assertThat(after.get("stateHash").asLong())
                    .as("frame %d again", before.get("frame").asLong())
                    .isEqualTo(before.get("stateHash").asLong());
        }
    }

    private long storedSnapshotFrame(UUID game) {
        return jdbc.sql("select frame from game_snapshot where game_id = ?")
                .param(game)
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    private static JsonNode sendExpectingError(JsonWebSocket stream, String message) throws Exception {
        long before = errors(stream).size();
        stream.send(message);
        return Awaitility.await()
                .atMost(JsonWebSocket.PATIENCE)
                .until(() -> errors(stream), errors -> errors.size() > before)
                .get((int) before);
    }

    private static List<JsonNode> errors(JsonWebSocket stream) {
        return stream.received().stream()
                .filter(m -> m.path("type").asString().equals("error"))
                .toList();
    }

    private static long lastFrame(JsonWebSocket stream) {
        return stream.received().stream()
                .filter(m -> m.path("type").asString().equals("FrameCommitted"))
                .mapToLong(m -> m.get("entry").get("frame").asLong())
                .max()
                .orElseThrow();
    }

    private static Predicate<JsonNode> frame(long frame) {
        return m -> m.path("type").asString().equals("FrameCommitted")
                && m.get("entry").get("frame").asLong() == frame;
    }

    private static int paddleCenter(JsonNode frameCommitted, int paddle) {
        return frameCommitted
                .get("entry")
                .get("paddles")
                .get(paddle)
                .get("center")
                .asInt();
    }

    private JsonWebSocket stream(String workspace, String id) throws Exception {
        return new JsonWebSocket(URI.create("ws://localhost:" + port + games(workspace) + "/" + id + "/stream"));
    }

    private long frameOf(String id) {
        JsonNode frame =
                JSON.readTree(http.get(games(workspace) + "/" + id).body()).get("frame");
        assertThat(frame).as("a created game runs in this instance").isNotNull();
        return frame.asLong();
    }

    @Test
    void playersJoinUntilTheGameIsFullAndCanLeave() {
        String id = create("Duel", 2, 1, 1);

        Http.Response ada = http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"ada\"}");
        assertThat(ada.status()).as(ada.body()).isEqualTo(201);
        JsonNode adaBody = JSON.readTree(ada.body());
        String adaId = adaBody.get("playerId").asString();
        String token = adaBody.get("token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(adaBody.get("playerCount").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from game_player where token_hash = ? or token_hash like ?")
                        .params(token, "%" + token + "%")
                        .query(Long.class)
                        .single())
                .as("the token itself is never stored")
                .isZero();

        Http.Response bob = http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"bob\"}");
        assertThat(bob.status()).isEqualTo(201);
        assertThat(JSON.readTree(bob.body()).get("token").asString()).isNotEqualTo(token);

        Http.Response full = http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"eve\"}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.isProblem()).isTrue();
        assertThat(full.body()).contains("full");

        JsonNode game = JSON.readTree(http.get(games(workspace) + "/" + id).body());
        assertThat(game.get("players"))
                .extracting(p -> p.get("name").asString())
                .containsExactly("ada", "bob");

        assertThat(http.delete(games(workspace) + "/" + id + "/players/" + adaId)
                        .status())
                .isEqualTo(204);
        assertThat(http.delete(games(workspace) + "/" + id + "/players/" + adaId)
                        .status())
                .as("a player who left is not in the game any more")
                .isEqualTo(404);
        assertThat(http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"eve\"}")
                        .status())
                .as("the paddle is free again")
                .isEqualTo(201);

        List<EventEnvelope> events = awaitEvents(id, 5);
        assertThat(events)
                .extracting(EventEnvelope::type)
                .containsExactly("GameCreated", "PlayerJoined", "PlayerJoined", "PlayerLeft", "PlayerJoined");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.source()).isEqualTo("pong-service");
            assertThat(event.tenant()).isEqualTo(workspace);
            assertThat(event.aggregateId()).isEqualTo(id);
        });
        assertThat(events.get(0).payload().get("maxPlayers").asInt()).isEqualTo(2);
        assertThat(events.get(1).payload().get("playerId").asString()).isEqualTo(adaId);
        assertThat(events.get(1).payload().has("token")).isFalse();
        assertThat(events.get(3).payload().get("playerId").asString()).isEqualTo(adaId);
        assertThat(events.get(3).payload().get("playerCount").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentJoinsNeverOverfillAGame() throws Exception {
        String id = create("Rush", 3, 1, 1);
        List<Callable<Integer>> joins = IntStream.range(0, 12)
                .<Callable<Integer>>mapToObj(
                        i -> () -> http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"p" + i + "\"}")
                                .status())
                .toList();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> status : pool.invokeAll(joins)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
        assertThat(JSON.readTree(http.get(games(workspace) + "/" + id).body()).get("players"))
                .hasSize(3);
    }

    @Test
    void badInputGetsAProblemThatNamesWhatIsWrongAndChangesNothing() {
        String path = games(workspace);

        Http.Response malformed = http.postJson(path, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.body()).contains("not valid JSON");

        Http.Response wrongType = http.send("POST", path, "text/plain", "name=x");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.isProblem()).isTrue();

        Http.Response tooManyPlayers = http.postJson(path, "{\"name\":\"x\",\"players\":65,\"balls\":1,\"shards\":1}");
        assertThat(tooManyPlayers.status()).isEqualTo(400);
        assertThat(tooManyPlayers.isProblem()).isTrue();
        assertThat(tooManyPlayers.body()).contains("players");

        Http.Response tooManyBalls = http.postJson(path, "{\"name\":\"x\",\"players\":2,\"balls\":50001,\"shards\":1}");
        assertThat(tooManyBalls.status()).isEqualTo(400);
        assertThat(tooManyBalls.body()).contains("balls");

        Http.Response noShards = http.postJson(path, "{\"name\":\"x\",\"players\":2,\"balls\":1,\"shards\":0}");
        assertThat(noShards.status()).isEqualTo(400);
        assertThat(noShards.body()).contains("shards");

        Http.Response missing = http.postJson(path, "{\"name\":\"x\",\"balls\":1,\"shards\":1}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("players");

        Http.Response blank = http.postJson(path, "{\"name\":\" \",\"players\":2,\"balls\":1,\"shards\":1}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("name");

        Http.Response badWorkspace =
                http.postJson(games("Not_A_Workspace"), "{\"name\":\"x\",\"players\":2,\"balls\":1,\"shards\":1}");
        assertThat(badWorkspace.status()).isEqualTo(400);
        assertThat(badWorkspace.body()).contains("workspace");

        Http.Response unknown = http.get(path + "/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();

        Http.Response badId = http.get(path + "/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body()).contains("not-a-uuid");

        assertThat(JSON.readTree(http.get(path).body()).get("total").asLong())
                .as("no failed request created a game")
                .isZero();

        String id = create("Valid", 2, 1, 1);
        Http.Response blankPlayer = http.postJson(path + "/" + id + "/players", "{\"name\":\"\"}");
        assertThat(blankPlayer.status()).isEqualTo(400);
        assertThat(blankPlayer.body()).contains("name");
        assertThat(JSON.readTree(http.get(path + "/" + id).body()).get("players"))
                .as("no failed join added a player")
                .isEmpty();
    }

    @Test
    void healthAndOpenApiAreServed() {
        Http management = new Http("http://localhost:" + managementPort);
        assertThat(management.get("/actuator/health/readiness").body()).contains("UP");
        create("Measured", 2, 10, 1);
        Awaitility.await()
                .atMost(JsonWebSocket.PATIENCE)
                .until(
                        () -> management.get("/actuator/prometheus").body(),
                        body -> body.contains("pong_frame_commit_seconds{quantile=\"0.99\"}"));
        String metrics = management.get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("pong_frame_commit_seconds_count", "pong_games_running", "pong_frames_dropped_total")
                .contains("pong_frames_queued");

        Http.Response openApi = http.get("/api/pong/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/pong/workspaces/{workspace}/games/{id}/players");
        assertThat(openApi.body()).as("the stream's protocol is described").contains("/stream", "inputResult");
    }

    private String create(String name, int players, int balls, int shards) {
        Http.Response created = http.postJson(
                games(workspace),
                "{\"name\":\"" + name + "\",\"players\":" + players + ",\"balls\":" + balls + ",\"shards\":" + shards
                        + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains(games(workspace) + "/" + id);
        return id;
    }

    private List<EventEnvelope> awaitEvents(String gameId, int count) {
        return TopicReader.read(Topics.Pong.GAME_EVENTS.name(), gameId, count, m -> true).stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
    }

    private static String games(String workspace) {
        return "/api/pong/workspaces/" + workspace + "/games";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
