package io.ledgerflow.pong;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.commit.EventLoop;
import io.ledgerflow.pong.commit.SimulatedNetwork;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.pong.physics.Ball;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Zones split (and merge) mid-game under uneven load, and the results still equal the reference. */
class RebalanceEquivalenceTest {

    @Test
    void splittingZonesUnderUnevenLoadChangesNothingInTheGame() {
        GameConfig config = Games.crowded(4, 2000, 8);
        GameState uniform = GameState.initial(config);
        // squeeze every ball into the left half of the arena: the left zones are overloaded
        Ball[] squeezed = new Ball[uniform.balls().length];
        for (Ball b : uniform.balls()) {
            squeezed[b.id()] =
                    new Ball(b.id(), config.arena().ballRadius() + b.x() / 2, b.y(), b.vx(), b.vy(), b.lastHitter());
        }
        GameState start = new GameState(0, squeezed, uniform.paddles(), uniform.scores());
        LogEntry.Snapshot snapshot = new LogEntry.Snapshot(
                0,
                config,
                List.of(squeezed),
                List.of(start.paddles()),
                List.of(0, 0, 0, 0),
                io.ledgerflow.pong.zone.ZoneLayout.initial(config.arena(), 4).zones(),
                4,
                start.hash());
        EventLoop loop = new EventLoop();
        PongGame game = PongGame.resume(
                snapshot,
                PongGame.Options.shards(4).withRebalanceEvery(2),
                new InMemoryFrameLog(),
                loop,
                new SimulatedNetwork(loop));

        GameState reference = start;
        Set<Long> versions = new HashSet<>();
        int maxZones = 0;
        for (int f = 1; f <= 40; f++) {
            reference = Stepper.step(config, reference, List.of()).state();
            assertThat(game.nextFrame()).isInstanceOf(PongGame.FrameOutcome.Committed.class);
            assertThat(game.state()).as("frame %d", f).isEqualTo(reference);
            versions.add(game.layout().version());
            maxZones = Math.max(maxZones, game.layout().zones().size());
        }
        assertThat(maxZones).as("zones were split").isGreaterThan(4);
        assertThat(versions.size()).isGreaterThan(2);
        assertThat(game.cluster().violations()).isEmpty();
    }
}
