package io.ledgerflow.pong.physics;

/**
 * One ball. Positions are in {@link Arena#UNIT} sub-pixels, velocities in sub-pixels per frame.
 *
 * @param lastHitter player whose paddle last touched the ball, or -1
 */
public record Ball(int id, int x, int y, int vx, int vy, int lastHitter) {

    /** Where the ball is after a frame of free flight (no contact). */
    public Ball freeFlight() {
        return new Ball(id, x + vx, y + vy, vx, vy, lastHitter);
    }

    /** 64-bit hash of this ball's full state; summed over balls it gives a partition-independent hash. */
    public long hash() {
        long h = Mix.mix(0x9E3779B97F4A7C15L ^ id);
        h = Mix.mix(h ^ (((long) x << 32) | (y & 0xFFFFFFFFL)));
        h = Mix.mix(h ^ (((long) vx << 32) | (vy & 0xFFFFFFFFL)));
        return Mix.mix(h ^ lastHitter);
    }
}
