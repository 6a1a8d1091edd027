package io.ledgerflow.pong.warp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.Games;
import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.pong.warp.InputResult.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWarpTest {
    final GameConfig config = Games.crowded(4, 150, 77).withRollbackWindow(10);
    final InMemoryFrameLog log = new InMemoryFrameLog();
    final PongGame game = PongGame.create(config, PongGame.Options.shards(4), log);

    void play(int frames) {
        for (int i = 0; i < frames; i++) {
            assertThat(game.nextFrame()).isInstanceOf(PongGame.FrameOutcome.Committed.class);
        }
    }

    @Test
    void aLateInputRollsBackAndTheCorrectedStateEqualsHavingHadItOnTime() {
        play(20);
        Input late = new Input(1, 14, 1);
        long hashBefore = game.stateHash();

        InputResult result = game.submit(late);

        assertThat(result).isEqualTo(new InputResult.Corrected(late, 14, 20));
        List<GameState> onTime = Games.reference(config, List.of(late), 20);
        assertThat(game.state()).isEqualTo(onTime.get(20));
        assertThat(game.stateHash()).isNotEqualTo(hashBefore);
        LogEntry last = log.read(log.endOffset() - 1).getFirst();
        assertThat(last).isInstanceOfSatisfying(LogEntry.Correction.class, c -> {
            assertThat(c.fromFrame()).isEqualTo(14);
            assertThat(c.frame()).isEqualTo(20);
            assertThat(c.inputs()).containsExactly(late);
            assertThat(c.stateHash()).isEqualTo(onTime.get(20).hash());
            assertThat(c.changed()).isNotEmpty();
        });
        // the shards adopted the corrected state: the next frames continue from it
        play(5);
        assertThat(game.state())
                .isEqualTo(Games.reference(config, List.of(late), 25).get(25));
    }

    @Test
    void severalLateInputsCostOneRollbackToTheEarliest() {
        play(12);
        List<Input> late = List.of(new Input(0, 9, -1), new Input(2, 5, 1), new Input(3, 11, 1));
        List<InputResult> results = game.submitAll(late);
        assertThat(results)
                .allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(InputResult.Corrected.class, c -> {
                    assertThat(c.fromFrame()).isEqualTo(5);
                    assertThat(c.toFrame()).isEqualTo(12);
                }));
        assertThat(game.state()).isEqualTo(Games.reference(config, late, 12).get(12));
        assertThat(log.read(0).stream()
                        .filter(e -> e instanceof LogEntry.Correction)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void inputsOlderThanTheWindowAreRefusedWithAReason() {
        play(20);
        InputResult tooLate = game.submit(new Input(1, 10, 1));
        assertThat(tooLate).isInstanceOfSatisfying(InputResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.TOO_LATE);
            assertThat(r.message()).contains("rollback window of 10");
        });
        assertThat(game.submit(new Input(1, 11, 1))).isInstanceOf(InputResult.Corrected.class);
        assertThat(game.submit(new Input(9, 21, 1)))
                .isInstanceOfSatisfying(
                        InputResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_PLAYER));
        assertThat(game.submit(new Input(1, 20 + 601, 1)))
                .isInstanceOfSatisfying(
                        InputResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_EARLY));
    }

    @Test
    void futureInputsWaitForTheirFrameAndRepeatsAreDuplicates() {
        play(3);
        Input future = new Input(2, 6, -1);
        assertThat(game.submit(future)).isEqualTo(new InputResult.Accepted(future));
        assertThat(game.submit(future)).isEqualTo(new InputResult.Duplicate(future));
        play(5);
        assertThat(game.state())
                .isEqualTo(Games.reference(config, List.of(future), 8).get(8));
        assertThat(game.submit(future)).isEqualTo(new InputResult.Duplicate(future));
    }
}
