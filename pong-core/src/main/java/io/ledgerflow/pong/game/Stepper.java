package io.ledgerflow.pong.game;

import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Goal;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.physics.Physics;
import java.util.List;

/**
 * The reference step: one frame of the whole game in one thread. The sharded engine must agree with
 * it bit for bit; time warp and replay use it directly.
 */
public final class Stepper {
    private Stepper() {}

    public record Result(GameState state, List<Goal> goals) {}

    public static Result step(GameConfig config, GameState prev, List<Input> inputs) {
        Paddle[] paddles = Paddles.advance(config.arena(), prev.paddles(), inputs);
        Physics.Step step = Physics.advance(config.arena(), paddles, prev.balls(), new Ball[0]);
        return new Result(
                new GameState(prev.frame() + 1, step.balls(), paddles, score(prev.scores(), step.goals())),
                step.goals());
    }

    /** Scores after {@code goals}: the last hitter of a ball scores when another player concedes. */
    public static int[] score(int[] scores, List<Goal> goals) {
        if (goals.isEmpty()) {
            return scores;
        }
        int[] next = scores.clone();
        for (Goal g : goals) {
            if (g.scorer() >= 0) {
                next[g.scorer()]++;
            }
        }
        return next;
    }
}
