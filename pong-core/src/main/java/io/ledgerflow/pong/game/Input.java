package io.ledgerflow.pong.game;

/**
 * A player's steering command: from {@code frame} on, the paddle moves in direction {@code dir}
 * (-1, 0 or +1) until another input changes it. The frame is the one the client made it for.
 */
public record Input(int player, long frame, int dir) {

    public Input {
        if (dir < -1 || dir > 1) {
            throw new IllegalArgumentException("dir must be -1, 0 or 1, was " + dir);
        }
    }
}
