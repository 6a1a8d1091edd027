package io.ledgerflow.pong.service.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.shard.RealTimeCluster;
import io.ledgerflow.pong.shard.ShardHost;
import io.ledgerflow.pong.warp.InputResult;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A game whose shards live in two "processes" — two buses, each with its own Kafka producer and consumer and its own
 * protocol thread — that talk only through the shard-messages topic of a real broker: the frames, a time-warp
 * correction and a crash of the second process's shards give exactly the state hashes of the same game in process.
 */
@IntegrationTest
class ShardsOverKafkaIT {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aGamesShardsInTwoProcessesTalkOnlyThroughKafkaAndCommitTheSameFrames() {
        GameConfig config = GameConfig.of(4, 500, 11);
        String gameId = UUID.randomUUID().toString();
        PongGame.Options options = PongGame.Options.shards(4).withRebalanceEvery(10);
        try (ShardMessageBus first = new ShardMessageBus(KafkaConnection.of(bootstrap));
                ShardMessageBus second = new ShardMessageBus(KafkaConnection.of(bootstrap));
                ProtocolThread firstProcess = new ProtocolThread("first");
                ProtocolThread secondProcess = new ProtocolThread("second")) {
            ShardHost[] hosts = new ShardHost[2];
            PongGame game = PongGame.overCluster(config, options, new InMemoryFrameLog(), layout -> {
                hosts[0] = new ShardHost(
                        config.arena(),
                        layout,
                        0,
                        new int[] {0, 1},
                        first.transport(gameId, firstProcess),
                        firstProcess);
                hosts[1] = new ShardHost(
                        config.arena(),
                        layout,
                        0,
                        new int[] {2, 3},
                        second.transport(gameId, secondProcess),
                        secondProcess);
                return new RealTimeCluster(
                        4,
                        first.transport(gameId, firstProcess),
                        firstProcess,
                        new Coordinator.Options(1_000, 5),
                        Duration.ofSeconds(20));
            });
            PongGame reference = PongGame.create(config, options, new InMemoryFrameLog());

            int frames = 40;
            long[] millis = new long[frames];
            for (int f = 1; f <= frames; f++) {
                Input input = new Input(f % 4, f, f % 3 - 1);
                game.submit(input);
                reference.submit(input);
                if (f == 30) {
                    hosts[1].crash();
                    assertThat(game.nextFrame())
                            .as("the second process's shards are gone: the frame cannot commit")
                            .isInstanceOf(FrameOutcome.Failed.class);
                    hosts[1].recover();
                }
                long start = System.nanoTime();
                FrameOutcome outcome = game.nextFrame();
                // a frame whose every attempt timed out (Kafka slow on a loaded machine) is retried, as the service
                // does at its next tick; what it commits must still be the reference's frame
                for (int retry = 0; outcome instanceof FrameOutcome.Failed && retry < 3; retry++) {
                    outcome = game.nextFrame();
                }
                assertThat(outcome).as("frame %d", f).isInstanceOf(FrameOutcome.Committed.class);
                millis[f - 1] = (System.nanoTime() - start) / 1_000_000;
                reference.nextFrame();
                assertThat(game.stateHash()).as("frame %d", f).isEqualTo(reference.stateHash());
            }
            Input late = new Input(2, frames - 4, 1);
            assertThat(game.submit(late)).isInstanceOf(InputResult.Corrected.class);
            assertThat(reference.submit(late)).isInstanceOf(InputResult.Corrected.class);
            assertThat(game.stateHash()).isEqualTo(reference.stateHash());

            assertThat(second.delivered())
                    .as("messages crossed to the second process")
                    .isPositive();
            assertThat(first.undecodable() + second.undecodable()).isZero();
            assertThat(firstProcess.failures() + secondProcess.failures()).isZero();
            Arrays.sort(millis);
            System.out.printf(
                    "frames over Kafka (4 shards, 2 processes, 500 balls): median %d ms, max %d ms, %d messages sent%n",
                    millis[frames / 2], millis[frames - 1], first.sent() + second.sent());
        }
    }
}
