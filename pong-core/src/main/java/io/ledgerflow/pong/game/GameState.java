package io.ledgerflow.pong.game;

import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Mix;
import io.ledgerflow.pong.physics.Paddle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The canonical state of a game after {@code frame} frames. Treat the arrays as immutable.
 *
 * @param balls indexed by ball id (ids are 0..n-1)
 * @param paddles indexed by player id
 * @param scores points per player
 */
public record GameState(long frame, Ball[] balls, Paddle[] paddles, int[] scores) {

    /** Balls on a jittered grid with random velocities, all from {@code config.seed()}. */
    public static GameState initial(GameConfig config) {
        Arena arena = config.arena();
        int n = config.balls();
        SplittableRandom random = new SplittableRandom(config.seed());
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n)));
        int rows = Math.max(1, (n + cols - 1) / cols);
        int cw = arena.width() / cols;
        int ch = arena.height() / rows;
        int r = arena.ballRadius();
        if (Math.min(cw, ch) < 2 * r + 2) {
            throw new IllegalArgumentException("arena too small for " + n + " balls");
        }
        int jx = Math.max(0, cw / 2 - r - 1);
        int jy = Math.max(0, ch / 2 - r - 1);
        int speed = arena.maxSpeed() * 2 / 3;
        Ball[] balls = new Ball[n];
        for (int id = 0; id < n; id++) {
            int x = (id % cols) * cw + cw / 2 + (jx == 0 ? 0 : random.nextInt(-jx, jx + 1));
            int y = (id / cols) * ch + ch / 2 + (jy == 0 ? 0 : random.nextInt(-jy, jy + 1));
            int vx = random.nextInt(speed / 4, speed + 1) * (random.nextBoolean() ? 1 : -1);
            int vy = random.nextInt(speed / 4, speed + 1) * (random.nextBoolean() ? 1 : -1);
            balls[id] = new Ball(id, x, y, vx, vy, -1);
        }
        Paddle[] paddles = new Paddle[arena.players()];
        for (int p = 0; p < paddles.length; p++) {
            paddles[p] = arena.initialPaddle(p);
        }
        return new GameState(0, balls, paddles, new int[arena.players()]);
    }

    /** Balls after a frame: free flight, except those in {@code changed}. */
    public static Ball[] applyDelta(Ball[] previous, List<Ball> changed) {
        Ball[] next = new Ball[previous.length];
        for (int i = 0; i < previous.length; i++) {
            next[i] = previous[i].freeFlight();
        }
        for (Ball b : changed) {
            next[b.id()] = b;
        }
        return next;
    }

    /** {@code previous} with the balls in {@code changed} replaced. */
    public static Ball[] patch(Ball[] previous, List<Ball> changed) {
        Ball[] next = previous.clone();
        for (Ball b : changed) {
            next[b.id()] = b;
        }
        return next;
    }

    /** Balls of {@code after} that differ from {@code before} (both indexed by id). */
    public static List<Ball> diff(Ball[] before, Ball[] after) {
        List<Ball> out = new ArrayList<>();
        for (int i = 0; i < after.length; i++) {
            if (!after[i].equals(before[i])) {
                out.add(after[i]);
            }
        }
        return List.copyOf(out);
    }

    /** Sum (mod 2^64) of the balls' hashes: independent of how the balls are partitioned. */
    public static long ballHashSum(Ball[] balls) {
        long sum = 0;
        for (Ball b : balls) {
            sum += b.hash();
        }
        return sum;
    }

    /** The 64-bit state hash over the canonical state (frame, balls, paddles in id order, scores). */
    public static long hash(long frame, long ballHashSum, Paddle[] paddles, int[] scores) {
        long h = Mix.mix(0x6A09E667F3BCC909L ^ frame);
        h = Mix.mix(h ^ ballHashSum);
        for (Paddle p : paddles) {
            h = Mix.mix(h ^ p.hash());
        }
        for (int i = 0; i < scores.length; i++) {
            h = Mix.mix(h ^ (((long) i << 32) | (scores[i] & 0xFFFFFFFFL)));
        }
        return h;
    }

    public long hash() {
        return hash(frame, ballHashSum(balls), paddles, scores);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GameState s
                && frame == s.frame
                && Arrays.equals(balls, s.balls)
                && Arrays.equals(paddles, s.paddles)
                && Arrays.equals(scores, s.scores);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash());
    }

    @Override
    public String toString() {
        return "GameState[frame=" + frame + ", balls=" + balls.length + ", hash=" + Long.toHexString(hash()) + "]";
    }
}
