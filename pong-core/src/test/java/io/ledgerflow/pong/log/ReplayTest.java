package io.ledgerflow.pong.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.pong.Games;
import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.physics.Ball;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
    final GameConfig config = Games.crowded(8, 200, 5).withRollbackWindow(8).withSnapshotEvery(10);
    final InMemoryFrameLog log = new InMemoryFrameLog();
    final PongGame game = PongGame.create(config, PongGame.Options.shards(4).withRebalanceEvery(4), log);

    /** 45 frames with on-time, early and late inputs (so the log holds corrections). */
    void playWithWarps() {
        List<Input> inputs = Games.randomInputs(8, 45, 60, 3);
        for (int f = 1; f <= 45; f++) {
            for (Input in : inputs) {
                if (in.frame() + 3 == f || (in.frame() == f && in.player() % 2 == 0)) {
                    game.submit(in); // odd players' inputs arrive 3 frames late
                }
            }
            assertThat(game.nextFrame()).isInstanceOf(PongGame.FrameOutcome.Committed.class);
        }
    }

    @Test
    void replayingTheWholeLogReproducesTheLiveStateHash() {
        playWithWarps();
        assertThat(log.read(0)).anySatisfy(e -> assertThat(e).isInstanceOf(LogEntry.Correction.class));

        GameReplica replica = GameReplica.fromStart(log);
        assertThat(replica.state()).isEqualTo(game.state());
        assertThat(replica.state().hash()).isEqualTo(game.stateHash());
        assertThat(replica.corrections()).isPositive();

        assertThat(Resimulation.run(log).hash()).isEqualTo(game.stateHash());
    }

    @Test
    void aJoinerStartsFromTheLatestSnapshotAndCatchesUp() {
        playWithWarps();
        long snapshotAt = log.latestSnapshotOffset();
        assertThat(((LogEntry.Snapshot) log.read(snapshotAt).getFirst()).frame())
                .isEqualTo(40);

        GameReplica joiner = GameReplica.join(log);
        assertThat(joiner.state()).isEqualTo(game.state());
        assertThat(joiner.zones()).isEqualTo(game.layout().zones());

        for (int i = 0; i < 5; i++) {
            game.nextFrame();
        }
        joiner.catchUp(log);
        assertThat(joiner.state().hash()).isEqualTo(game.stateHash());
    }

    @Test
    void aTamperedDeltaIsDetectedByTheStateHash() {
        playWithWarps();
        List<LogEntry> entries = new ArrayList<>(log.read(0));
        int i = 3;
        LogEntry.FrameCommitted f = (LogEntry.FrameCommitted) entries.get(i);
        // a ball from the middle of the arena: a later correction (late paddle input) could legitimately
        // overwrite a ball near the walls, and then the final state would be right again
        Ball first = game.state().balls()[game.state().balls().length / 2 + 7];
        List<Ball> changed = new ArrayList<>(f.changed());
        changed.add(new Ball(first.id(), first.x() + 1000, first.y(), 0, 0, -1));
        changed.sort(java.util.Comparator.comparingInt(Ball::id));
        entries.set(
                i,
                new LogEntry.FrameCommitted(
                        f.frame(),
                        f.txn(),
                        f.attempt(),
                        f.version(),
                        f.inputs(),
                        f.paddles(),
                        f.goals(),
                        changed,
                        f.zones(),
                        f.stateHash()));
        InMemoryFrameLog tampered = new InMemoryFrameLog();
        entries.forEach(tampered::append);
        // entry by entry, every hash is checked: the tampered entry itself is caught
        assertThatThrownBy(() -> {
                    GameReplica r = GameReplica.fromStart(singleEntry(entries.getFirst()));
                    entries.subList(1, entries.size()).forEach(r::apply);
                })
                .hasMessageContaining("diverged at FrameCommitted of frame " + f.frame());
        assertThatThrownBy(() -> GameReplica.fromStart(tampered)).hasMessageContaining("diverged");
    }

    static InMemoryFrameLog singleEntry(LogEntry e) {
        InMemoryFrameLog l = new InMemoryFrameLog();
        l.append(e);
        return l;
    }
}
