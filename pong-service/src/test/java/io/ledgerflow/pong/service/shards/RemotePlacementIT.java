package io.ledgerflow.pong.service.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.JsonWebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A game created over the API whose shards run on two instances — this service (also a shard host) and a second
 * shard host with its own Kafka clients — talking only through Kafka; the second host dies and the game goes on, its
 * shards placed again on the host left. Every frame's state hash, before and after, is the in-process game's.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "pong.shards.placement=remote",
            // generous on a loaded machine, where Kafka round trips take their time: a commit's phase, a silence
            "pong.shards.phase-timeout=2s",
            "pong.shards.silence=5s",
            "pong.shard-host.enabled=true",
            "pong.resume-on-start=false" // the other tests' games stay where they are
        })
class RemotePlacementIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Value("${pong.snapshot-every-frames}")
    int snapshotEvery;

    @Autowired
    DistributedShards shards;

    @Test
    void aGamesShardsRunOnTwoInstancesAndMoveWhenOneDies() throws Exception {
        Http http = new Http("http://localhost:" + port);
        String games =
                "/api/pong/workspaces/remote-" + UUID.randomUUID().toString().substring(0, 8) + "/games";
        try (ShardMessageBus otherBus = new ShardMessageBus(KafkaConnection.of(bootstrap))) {
            ShardHostService other = new ShardHostService(KafkaConnection.of(bootstrap), otherBus);
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> shards.liveHosts().size() == 2);

                Http.Response created =
                        http.postJson(games, "{\"name\":\"Spread\",\"players\":4,\"balls\":300,\"shards\":4}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                UUID id =
                        UUID.fromString(JSON.readTree(created.body()).get("id").asString());
                assertThat(other.hostedGames()).containsExactly(id + "#0");
                assertThat(shards.hostService().hostedGames()).containsExactly(id + "#0");

                // watched at once: the backlog starts at the latest snapshot (every 60 frames here), so a watcher that
                // comes late never sees the early frames; the in-process reference is computed while frames arrive
                try (JsonWebSocket stream =
                        new JsonWebSocket(URI.create("ws://localhost:" + port + games + "/" + id + "/stream"))) {
                    Reference reference = new Reference(id, snapshotEvery);
                    JsonNode early = stream.await(frameAtLeast(20));
                    assertThat(early.get("entry").get("stateHash").asLong()).isEqualTo(reference.hash(frameOf(early)));

                    long killedAt = lastFrame(stream);
                    other.close(); // the second instance dies: its shards are gone
                    // frames fail until the game notices (within a few seconds, more if the host died mid-commit)
                    JsonNode later = stream.await(frame(killedAt + 40), Duration.ofSeconds(60));
                    assertThat(shards.hostService().hostedGames())
                            .as("placed again, on the host left")
                            .containsExactly(id + "#1");
                    assertThat(later.get("entry").get("stateHash").asLong()).isEqualTo(reference.hash(killedAt + 40));
                }
            } finally {
                other.close();
            }
        }
    }

    /** The same game in process, stepped as far as asked: its state hash at a frame. */
    private static final class Reference {
        private final PongGame game;
        private final List<Long> hashes = new ArrayList<>();

        Reference(UUID id, int snapshotEvery) {
            GameConfig config = GameConfig.of(4, 300, id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                    .withSnapshotEvery(snapshotEvery);
            game = PongGame.create(config, PongGame.Options.shards(4), new InMemoryFrameLog());
            hashes.add(game.stateHash());
        }

        long hash(long frame) {
            while (hashes.size() <= frame) {
                game.nextFrame();
                hashes.add(game.stateHash());
            }
            return hashes.get((int) frame);
        }
    }

    private static long frameOf(JsonNode committed) {
        return committed.get("entry").get("frame").asLong();
    }

    private static java.util.function.Predicate<JsonNode> frameAtLeast(long frame) {
        return m -> m.path("type").asString().equals("FrameCommitted")
                && m.get("entry").get("frame").asLong() >= frame;
    }

    private static java.util.function.Predicate<JsonNode> frame(long frame) {
        return m -> m.path("type").asString().equals("FrameCommitted")
                && m.get("entry").get("frame").asLong() == frame;
    }

    private static long lastFrame(JsonWebSocket stream) {
        return stream.received().stream()
                .filter(m -> m.path("type").asString().equals("FrameCommitted"))
                .mapToLong(m -> m.get("entry").get("frame").asLong())
                .max()
                .orElseThrow();
    }
}
