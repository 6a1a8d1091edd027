package io.ledgerflow.pong.physics;

/**
 * A ball reached a goal segment that its owner's paddle did not cover.
 *
 * @param conceder the player who guards the segment
 * @param scorer the player who last hit the ball, or -1 (no point is awarded then, nor for own goals)
 */
public record Goal(int ballId, int conceder, int scorer) {}
