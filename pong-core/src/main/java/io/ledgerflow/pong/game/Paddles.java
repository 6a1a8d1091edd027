package io.ledgerflow.pong.game;

import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Paddle;
import java.util.List;

/** Paddle motion: the inputs of a frame set directions, then every paddle moves and is clamped. */
public final class Paddles {
    private Paddles() {}

    /** @param inputs the inputs made for this frame, in any order (at most one per player counts: see {@link InputBook}) */
    public static Paddle[] advance(Arena arena, Paddle[] previous, List<Input> inputs) {
        int[] dir = new int[previous.length];
        for (int p = 0; p < previous.length; p++) {
            dir[p] = previous[p].dir();
        }
        for (Input in : inputs) {
            dir[in.player()] = in.dir();
        }
        Paddle[] next = new Paddle[previous.length];
        for (int p = 0; p < previous.length; p++) {
            int center = arena.clampPaddle(p, previous[p].center() + dir[p] * arena.paddleSpeed());
            next[p] = new Paddle(p, center, dir[p]);
        }
        return next;
    }
}
