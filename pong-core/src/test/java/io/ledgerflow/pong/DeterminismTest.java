package io.ledgerflow.pong;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.game.Stepper;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void sameInputsGiveTheSameStateHashInEveryRunAndOnEveryThread() throws Exception {
        GameConfig config = Games.crowded(8, 400, 42);
        List<Input> inputs = Games.randomInputs(8, 60, 40, 7);
        long expected = Games.reference(config, inputs, 60).getLast().hash();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Long>> runs = pool.invokeAll(List.of(
                    () -> Games.reference(config, inputs, 60).getLast().hash(),
                    () -> Games.reference(config, inputs, 60).getLast().hash(),
                    () -> Games.reference(config, inputs, 60).getLast().hash()));
            for (Future<Long> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theStateHashSeesEveryPartOfTheState() {
        GameConfig config = Games.crowded(4, 50, 1);
        GameState s = GameState.initial(config);
        List<Input> inputs = List.of(new Input(2, 1, 1));
        long withInput = Games.reference(config, inputs, 5).getLast().hash();
        long without = Games.reference(config, List.of(), 5).getLast().hash();
        assertThat(withInput).isNotEqualTo(without);
        assertThat(GameState.initial(config.withRollbackWindow(3)).hash()).isEqualTo(s.hash());
        assertThat(GameState.initial(Games.crowded(4, 50, 2)).hash()).isNotEqualTo(s.hash());
        int[] scores = s.scores().clone();
        scores[3]++;
        assertThat(new GameState(s.frame(), s.balls(), s.paddles(), scores).hash())
                .isNotEqualTo(s.hash());
    }

    @Test
    void ballsActuallyCollideScoreAndStayInTheArena() {
        GameConfig config = Games.crowded(4, 400, 3);
        GameState s = GameState.initial(config);
        int goals = 0;
        int contacts = 0;
        for (int f = 1; f <= 120; f++) {
            Stepper.Result r = Stepper.step(config, s, List.of());
            goals += r.goals().size();
            for (int i = 0; i < s.balls().length; i++) {
                if (!r.state().balls()[i].equals(s.balls()[i].freeFlight())) {
                    contacts++;
                }
            }
            s = r.state();
        }
        assertThat(goals).isPositive();
        assertThat(contacts).isGreaterThan(goals);
        int r = config.arena().ballRadius();
        assertThat(s.balls()).allSatisfy(ball -> {
            assertThat(ball.x()).isBetween(r, config.arena().width() - r);
            assertThat(ball.y()).isBetween(r, config.arena().height() - r);
        });
    }
}
