package io.ledgerflow.pong.physics;

/**
 * A player's paddle: it slides along the player's goal segment.
 *
 * @param center position of the paddle's centre along its wall, in sub-pixels
 * @param dir current direction of motion: -1, 0 or +1
 */
public record Paddle(int player, int center, int dir) {

    public long hash() {
        return Mix.mix(Mix.mix(0xC2B2AE3D27D4EB4FL ^ player) ^ (((long) center << 32) | (dir & 0xFFFFFFFFL)));
    }
}
