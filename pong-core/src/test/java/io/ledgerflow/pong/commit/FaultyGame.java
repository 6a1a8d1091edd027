package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.Games;
import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import java.util.List;

/** A game over a faulty simulated network, checked frame by frame against the reference. */
final class FaultyGame {
    final GameConfig config;
    final List<Input> inputs;
    final List<GameState> reference;
    final EventLoop loop = new EventLoop();
    final SimulatedNetwork network;
    final InMemoryFrameLog log = new InMemoryFrameLog();
    final PongGame game;
    int failedFrames;

    FaultyGame(int shards, int balls, int frames, SimulatedNetwork.Faults faults, long seed) {
        this(shards, balls, frames, faults, seed, new Coordinator.Options(40, 50));
    }

    FaultyGame(
            int shards, int balls, int frames, SimulatedNetwork.Faults faults, long seed, Coordinator.Options commit) {
        config = Games.crowded(4, balls, seed);
        inputs = Games.randomInputs(4, frames, 12, seed + 1);
        reference = Games.reference(config, inputs, frames);
        network = new SimulatedNetwork(loop, faults, seed + 2);
        game = PongGame.create(
                config, PongGame.Options.shards(shards).withRebalanceEvery(3).withCommit(commit), log, loop, network);
    }

    /** Plays frame f until it commits (a failed frame is retried), then checks it. */
    FrameOutcome.Committed play(int f) {
        Games.submitOnTime(game, inputs, f);
        while (true) {
            FrameOutcome out = game.nextFrame();
            if (out instanceof FrameOutcome.Committed c) {
                assertThat(game.state()).as("frame %d", f).isEqualTo(reference.get(f));
                assertThat(game.cluster().violations()).isEmpty();
                return c;
            }
            failedFrames++;
            assertThat(game.frame()).isEqualTo(f - 1);
            assertThat(failedFrames).as("frame %d keeps failing", f).isLessThan(20);
        }
    }

    void playAll(int frames) {
        for (int f = 1; f <= frames; f++) {
            play(f);
        }
    }
}
