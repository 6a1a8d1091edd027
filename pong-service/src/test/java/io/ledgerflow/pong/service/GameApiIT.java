package io.ledgerflow.pong.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.log.GameReplica;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.pong.log.Resimulation;
import io.ledgerflow.pong.service.runner.PongTopics;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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

        long first = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> frameOf(id), frame -> frame > 0);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> frameOf(id), frame -> frame >= first + 5);
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
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> frameOf(id), frame -> frame >= 10);

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + port + games(workspace) + "/" + id + "/stream"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    received.add(partial.toString());
                                    partial.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            List<JsonNode> messages = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (String text = received.poll(); text != null; text = received.poll()) {
                    messages.add(JSON.readTree(text));
                }
                return messages.size() >= 15;
            });
            assertThat(messages.getFirst().get("type").asString()).isEqualTo("Snapshot");
            long previous = messages.getFirst().get("entry").get("frame").asLong();
            for (JsonNode message : messages.subList(1, messages.size())) {
                assertThat(message.get("type").asString()).isEqualTo("FrameCommitted");
                assertThat(message.get("entry").get("frame").asLong()).isEqualTo(previous + 1);
                previous = message.get("entry").get("frame").asLong();
            }
            assertThat(previous)
                    .as("the backlog reaches past the frame we joined at")
                    .isGreaterThanOrEqualTo(10);

            socket.sendText("{not json", true).get(10, java.util.concurrent.TimeUnit.SECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> received.stream().anyMatch(text -> text.contains("\"type\":\"error\"")));
            assertThat(socket.isInputClosed()).isFalse();
        } finally {
            socket.abort();
        }
    }

    @Test
    void anotherWorkspacesGameCannotBeStreamed() throws Exception {
        String id = create("Private", 2, 10, 1);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + port + games("other-" + shortId()) + "/" + id + "/stream"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                received.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            String first =
                    Awaitility.await().atMost(Duration.ofSeconds(20)).until(received::peek, text -> text != null);
            assertThat(JSON.readTree(first).get("type").asString()).isEqualTo("error");
            assertThat(received).noneMatch(text -> text.contains("Snapshot"));
        } finally {
            socket.abort();
        }
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
        assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);

        Http.Response openApi = http.get("/api/pong/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/pong/workspaces/{workspace}/games/{id}/players");
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
