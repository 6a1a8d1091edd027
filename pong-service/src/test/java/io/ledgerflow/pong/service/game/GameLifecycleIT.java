package io.ledgerflow.pong.service.game;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.service.runner.GameRunners;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.JsonWebSocket;
import io.ledgerflow.testsupport.TopicReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A game's lifecycle and budget over real HTTP, PostgreSQL and Kafka: ended by DELETE (its stream says so, the log
 * keeps its history, it is not resumed), paused while nobody watches, and limited per workspace and per instance. Its
 * own instance (context): a short idle pause, small limits, and no resumption at start (the database holds the other
 * tests' games).
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "pong.idle-pause=2s",
            "pong.limits.running-games-per-workspace=2",
            "pong.limits.instance-balls=1000",
            "pong.resume-on-start=false"
        })
class GameLifecycleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    GameRunners runners;

    @Autowired
    GameResumer resumer;

    @Autowired
    EnvelopeCodec codec;

    Http http;
    String workspace;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anEndedGameStopsTellsItsStreamKeepsItsHistoryAndIsNotResumed() throws Exception {
        String id = create(workspace, 2, 50);
        http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"ada\"}");
        long lastFrame;
        String lastHash;
        try (JsonWebSocket stream = stream(workspace, id)) {
            stream.await(m -> m.path("type").asString().equals("FrameCommitted"), PATIENCE);

            Http.Response end = http.delete(games(workspace) + "/" + id);
            assertThat(end.status()).as(end.body()).isEqualTo(204);

            JsonNode ended = stream.await(m -> m.path("type").asString().equals("ended"), PATIENCE);
            assertThat(ended.get("gameId").asString()).isEqualTo(id);
            lastFrame = ended.get("frame").asLong();
            lastHash = ended.get("stateHash").asString();
            List<JsonNode> received = stream.received();
            assertThat(received.getLast()).as("the last message").isEqualTo(ended);
            assertThat(received.stream()
                            .filter(m -> m.path("type").asString().equals("FrameCommitted"))
                            .mapToLong(m -> m.get("entry").get("frame").asLong())
                            .max()
                            .orElseThrow())
                    .isEqualTo(lastFrame);
            Awaitility.await().atMost(PATIENCE).until(() -> !stream.isOpen());
        }

        JsonNode game = get(workspace, id);
        assertThat(game.get("status").asString()).isEqualTo("ended");
        assertThat(game.has("endedAt")).isTrue();
        assertThat(game.get("frame").asLong()).as("the frame it ended at").isEqualTo(lastFrame);
        assertThat(game.get("stateHash").asString()).isEqualTo(lastHash);
        assertThat(game.get("players")).hasSize(1);
        assertThat(JSON.readTree(http.get(games(workspace)).body())
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("ended");

        assertThat(http.delete(games(workspace) + "/" + id).status())
                .as("ending an ended game changes nothing")
                .isEqualTo(204);
        Http.Response join = http.postJson(games(workspace) + "/" + id + "/players", "{\"name\":\"bob\"}");
        assertThat(join.status()).isEqualTo(409);
        assertThat(join.isProblem()).isTrue();
        assertThat(join.body()).contains("ended");
        try (JsonWebSocket late = stream(workspace, id)) {
            JsonNode first = late.await(m -> true, PATIENCE);
            assertThat(first.get("type").asString()).isEqualTo("ended");
            assertThat(first.get("frame").asLong())
                    .as("a late client learns where the game ended")
                    .isEqualTo(lastFrame);
            assertThat(first.get("stateHash").asString()).isEqualTo(lastHash);
            Awaitility.await().atMost(PATIENCE).until(() -> !late.isOpen());
        }

        resumer.resumeAll(); // what a restart does
        assertThat(runners.live(UUID.fromString(id)))
                .as("an ended game is not resumed")
                .isEmpty();

        List<EventEnvelope> events = TopicReader.read(Topics.Pong.GAME_EVENTS.name(), id, 3, m -> true).stream()
                .map(m -> codec.decode(m).orElseThrow())
                .toList();
        assertThat(events).extracting(EventEnvelope::type).containsExactly("GameCreated", "PlayerJoined", "GameEnded");
        assertThat(events.getLast().tenant()).isEqualTo(workspace);
        assertThat(events.getLast().payload().get("gameId").asString()).isEqualTo(id);
        assertThat(events.getLast().payload().get("frame").asLong()).isEqualTo(lastFrame);

        Http.Response other = http.delete(games("other-" + workspace) + "/" + id);
        assertThat(other.status()).as("another workspace's game").isEqualTo(404);
        assertThat(other.isProblem()).isTrue();
        assertThat(http.delete(games(workspace) + "/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void aGameNobodyWatchesIsPausedAndResumesWhenAClientConnects() throws Exception {
        String id = create(workspace, 2, 20);
        long pausedAt = Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> get(workspace, id),
                        game -> game.get("status").asString().equals("paused"))
                .get("frame")
                .asLong();
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> get(workspace, id).get("frame").asLong() == pausedAt);

        try (JsonWebSocket stream = stream(workspace, id)) {
            JsonNode frame = stream.await(
                    m -> m.path("type").asString().equals("FrameCommitted")
                            && m.get("entry").get("frame").asLong() > pausedAt + 3,
                    PATIENCE);
            assertThat(frame).isNotNull();
            assertThat(get(workspace, id).get("status").asString()).isEqualTo("running");
        }
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> get(workspace, id).get("status").asString(), "paused"::equals);
        assertThat(http.delete(games(workspace) + "/" + id).status()).isEqualTo(204);
    }

    @Test
    void aWorkspaceRunsAtMostItsLimitOfGames() {
        String first = create(workspace, 2, 1);
        create(workspace, 2, 1);

        Http.Response third = createResponse(workspace, 2, 1);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.isProblem()).isTrue();
        assertThat(third.body()).contains("already runs 2 games");
        assertThat(JSON.readTree(http.get(games(workspace)).body()).get("total").asLong())
                .as("the refused create changed nothing")
                .isEqualTo(2);
        assertThat(createResponse("other-" + workspace, 2, 1).status())
                .as("another workspace has its own limit")
                .isEqualTo(201);

        assertThat(http.delete(games(workspace) + "/" + first).status()).isEqualTo(204);
        assertThat(createResponse(workspace, 2, 1).status())
                .as("an ended game frees its place")
                .isEqualTo(201);
    }

    @Test
    void theInstancesBallBudgetRefusesAGameThatCanNeverFitAndOneThatDoesNotFitNow() {
        Http.Response tooBig = createResponse(workspace, 2, 1001);
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.isProblem()).isTrue();
        assertThat(tooBig.body()).contains("balls", "1000");

        String big = create(workspace, 2, 600);
        String otherWorkspace = "other-" + workspace;
        Http.Response noRoom = createResponse(otherWorkspace, 2, 500);
        assertThat(noRoom.status()).isEqualTo(429);
        assertThat(noRoom.isProblem()).isTrue();
        assertThat(noRoom.body()).contains("does not fit");
        assertThat(JSON.readTree(http.get(games(otherWorkspace)).body())
                        .get("total")
                        .asLong())
                .isZero();

        assertThat(http.delete(games(workspace) + "/" + big).status()).isEqualTo(204);
        String fits = create(otherWorkspace, 2, 500);
        assertThat(http.delete(games(otherWorkspace) + "/" + fits).status()).isEqualTo(204);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndAndTheLimits() {
        JsonNode games = JSON.readTree(http.get("/api/pong/v3/api-docs").body())
                .get("paths")
                .get("/api/pong/workspaces/{workspace}/games");
        JsonNode game = JSON.readTree(http.get("/api/pong/v3/api-docs").body())
                .get("paths")
                .get("/api/pong/workspaces/{workspace}/games/{id}");
        assertThat(game.get("delete").get("responses").has("204")).isTrue();
        assertThat(game.get("delete").get("description").asString()).contains("ended");
        assertThat(games.get("post").get("responses").has("429")).isTrue();
        assertThat(games.get("post").get("responses").has("422")).isTrue();
    }

    private String create(String workspace, int players, int balls) {
        Http.Response created = createResponse(workspace, players, balls);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private Http.Response createResponse(String workspace, int players, int balls) {
        return http.postJson(
                games(workspace), "{\"name\":\"g\",\"players\":" + players + ",\"balls\":" + balls + ",\"shards\":2}");
    }

    private JsonNode get(String workspace, String id) {
        return JSON.readTree(http.get(games(workspace) + "/" + id).body());
    }

    private JsonWebSocket stream(String workspace, String id) throws Exception {
        return new JsonWebSocket(URI.create("ws://localhost:" + port + games(workspace) + "/" + id + "/stream"));
    }

    private static String games(String workspace) {
        return "/api/pong/workspaces/" + workspace + "/games";
    }
}
