package io.ledgerflow.pong.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.Games;
import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.warp.InputResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol in real time across "processes" (each its own protocol thread, talking over an in-memory network that
 * delays and reorders): a game whose coordinator is in one process and whose shards are split over two commits the
 * same frames, bit for bit, as the single-threaded reference — also through a time-warp correction, and across a
 * crash and recovery of the second process's shards.
 */
class RealTimeClusterTest {

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void aGameWithShardsInTwoProcessesMatchesTheReferenceThroughACorrectionAndACrash() {
        int players = 4;
        int frames = 40;
        GameConfig config = Games.crowded(players, 300, 7);
        List<Input> inputs = Games.randomInputs(players, frames, 12, 8);
        List<GameState> reference = new ArrayList<>(Games.reference(config, inputs, frames));

        InMemoryBus bus = new InMemoryBus(9, 2);
        ProtocolThread owner = closing(new ProtocolThread("owner"));
        ProtocolThread other = closing(new ProtocolThread("other"));
        ShardHost[] hosts = new ShardHost[2];
        PongGame game = PongGame.overCluster(
                config, PongGame.Options.shards(4).withRebalanceEvery(10), new InMemoryFrameLog(), layout -> {
                    hosts[0] = new ShardHost(config.arena(), layout, 0, new int[] {0, 1}, bus.transport(owner), owner);
                    hosts[1] = new ShardHost(config.arena(), layout, 0, new int[] {2, 3}, bus.transport(other), other);
                    return new RealTimeCluster(
                            4, bus.transport(owner), owner, new Coordinator.Options(200, 5), Duration.ofSeconds(3));
                });

        for (int f = 1; f <= frames; f++) {
            Games.submitOnTime(game, inputs, f);
            if (f == 25) {
                hosts[1].crash(); // the second process loses its memory: the frame cannot commit
                assertThat(game.nextFrame()).isInstanceOf(FrameOutcome.Failed.class);
                hosts[1].recover(); // ... and comes back from its stores: the frame is retried
            }
            assertThat(game.nextFrame()).as("frame %d", f).isInstanceOf(FrameOutcome.Committed.class);
            assertThat(game.stateHash())
                    .as("frame %d", f)
                    .isEqualTo(reference.get(f).hash());
        }

        // a late input: rolled back, re-simulated and installed on the shards of both processes
        Input late = new Input(1, frames - 3, 1);
        assertThat(game.submit(late)).isInstanceOf(InputResult.Corrected.class);
        List<Input> withLate = new ArrayList<>(inputs);
        withLate.add(late);
        assertThat(game.stateHash())
                .isEqualTo(Games.reference(config, withLate, frames).get(frames).hash());
        assertThat(game.nextFrame()).isInstanceOf(FrameOutcome.Committed.class);
        assertThat(game.stateHash())
                .isEqualTo(Games.reference(config, withLate, frames + 1)
                        .get(frames + 1)
                        .hash());
        assertThat(owner.failures() + other.failures())
                .as("protocol steps that threw")
                .isZero();
    }

    /**
     * A process dies while its shards are pre-committed: the transaction stays undecided (3PC waits for every report),
     * so the cluster gives up on it after its failovers and takes no more transactions; the game goes on from its own
     * state on shards placed again (here: a new network and two new processes' hosts) — frame for frame the reference.
     */
    @Test
    void aProcessThatDiesMidCommitLeavesTheFrameUndecidedAndTheGameGoesOnWithShardsPlacedAgain() {
        GameConfig config = Games.crowded(4, 200, 3);
        PongGame.Options options = PongGame.Options.shards(4);
        List<GameState> reference = Games.reference(config, List.of(), 12);
        InMemoryBus bus = new InMemoryBus(5, 1);
        ProtocolThread owner = closing(new ProtocolThread("owner"));
        ProtocolThread other = closing(new ProtocolThread("other"));
        ShardHost[] hosts = new ShardHost[2];
        InMemoryFrameLog log = new InMemoryFrameLog();
        PongGame game = PongGame.overCluster(config, options, log, layout -> {
            hosts[0] = new ShardHost(config.arena(), layout, 0, new int[] {0, 1}, bus.transport(owner), owner);
            hosts[1] = new ShardHost(config.arena(), layout, 0, new int[] {2, 3}, bus.transport(other), other);
            return new RealTimeCluster(
                    4, bus.transport(owner), owner, new Coordinator.Options(100, 3), Duration.ofSeconds(3), 1);
        });
        for (int f = 1; f <= 5; f++) {
            assertThat(game.nextFrame()).isInstanceOf(FrameOutcome.Committed.class);
        }
        AtomicBoolean armed = new AtomicBoolean(true);
        bus.beforeDelivery(m -> {
            if (m instanceof Message.DoCommit && m.to() == 2 && armed.getAndSet(false)) {
                // shard 2 pre-committed, about to be told to commit: its whole process dies
                hosts[1].shards().forEach(ShardRuntime::crash);
            }
        });
        assertThat(game.nextFrame()).as("undecided").isInstanceOf(FrameOutcome.Failed.class);
        assertThat(armed).isFalse();
        assertThat(game.nextFrame())
                .as("the cluster takes no more transactions")
                .isInstanceOf(FrameOutcome.Failed.class);

        InMemoryBus again = new InMemoryBus(6, 1);
        ProtocolThread third = closing(new ProtocolThread("third"));
        PongGame resumed = PongGame.resumeOverCluster(game.snapshot(), options, log, layout -> {
            new ShardHost(config.arena(), layout, 5, new int[] {0, 1}, again.transport(owner), owner);
            new ShardHost(config.arena(), layout, 5, new int[] {2, 3}, again.transport(third), third);
            return new RealTimeCluster(
                    4, again.transport(owner), owner, new Coordinator.Options(100, 3), Duration.ofSeconds(3), 1);
        });
        for (int f = 6; f <= 12; f++) {
            assertThat(resumed.nextFrame()).as("frame %d", f).isInstanceOf(FrameOutcome.Committed.class);
            assertThat(resumed.stateHash())
                    .as("frame %d", f)
                    .isEqualTo(reference.get(f).hash());
        }
        assertThat(owner.failures() + other.failures() + third.failures()).isZero();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closing.add(resource);
        return resource;
    }
}
