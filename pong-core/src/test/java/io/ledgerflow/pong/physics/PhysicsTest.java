package io.ledgerflow.pong.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhysicsTest {
    static final int U = Arena.UNIT;
    /** 400x400 px, 4 players (one per wall), radius 4 px, speed cap 150 px/frame, paddles 40 px. */
    final Arena arena = new Arena(400 * U, 400 * U, 4, 4 * U, 150 * U, 40 * U, 8 * U);

    Paddle[] paddles(int... centers) {
        Paddle[] p = new Paddle[4];
        for (int i = 0; i < 4; i++) {
            p[i] = new Paddle(i, centers.length > i ? centers[i] : 200 * U, 0);
        }
        return p;
    }

    Physics.Step step(Paddle[] paddles, Ball... balls) {
        return Physics.advance(arena, paddles, balls, new Ball[0]);
    }

    @Test
    void freeFlightIsExact() {
        Ball b = new Ball(0, 100 * U + 3, 120 * U + 7, 5 * U + 1, -3 * U - 2, -1);
        assertThat(step(paddles(), b).balls()[0]).isEqualTo(b.freeFlight());
    }

    @Test
    void fastBallDoesNotTunnelThroughAWallAndIsReturnedByThePaddleCoveringIt() {
        // 145 px/frame towards the right wall (player 1), 20 px away from it, at the paddle's height
        Ball b = new Ball(0, 376 * U, 200 * U, 145 * U, 0, -1);
        Physics.Step s = step(paddles(), b);
        Ball after = s.balls()[0];
        assertThat(after.vx()).isEqualTo(-145 * U);
        assertThat(after.x()).isBetween(arena.ballRadius(), arena.width() - arena.ballRadius());
        // mirrored about the wall, up to the 1/1024-frame quantisation of the contact time
        assertThat(after.x()).isCloseTo(2 * (396 * U) - (376 * U + 145 * U), within(U / 4));
        assertThat(after.lastHitter()).isEqualTo(1);
        assertThat(s.goals()).isEmpty();
    }

    @Test
    void ballMissingThePaddleIsAGoalForTheLastHitter() {
        // right wall, but the paddle of player 1 is at y=50 px while the ball arrives at y=300 px
        Ball b = new Ball(7, 390 * U, 300 * U, 20 * U, 0, 2);
        Physics.Step s = step(paddles(200 * U, 50 * U), b);
        assertThat(s.goals()).containsExactly(new Goal(7, 1, 2));
        assertThat(s.balls()[0].lastHitter()).isEqualTo(-1);
        assertThat(s.balls()[0].vx()).isNegative();
    }

    @Test
    void movingPaddleAddsSpin() {
        Paddle[] p = paddles();
        p[0] = new Paddle(0, 200 * U, 1); // bottom wall paddle moving right
        Ball b = new Ball(0, 200 * U, 10 * U, 0, -20 * U, -1);
        Ball after = step(p, b).balls()[0];
        assertThat(after.vy()).isEqualTo(20 * U);
        assertThat(after.vx()).isEqualTo(arena.paddleSpeed() / 2);
        assertThat(after.lastHitter()).isZero();
    }

    @Test
    void fastBallsMeetingHeadOnCollideInsteadOfPassingThrough() {
        // 40 px apart, closing at 100 px/frame: straight-line motion would swap their order
        Ball a = new Ball(0, 180 * U, 200 * U, 50 * U, 0, -1);
        Ball b = new Ball(1, 220 * U, 200 * U, -50 * U, 0, -1);
        Physics.Step s = step(paddles(), a, b);
        assertThat(s.balls()[0].vx()).isEqualTo(-50 * U);
        assertThat(s.balls()[1].vx()).isEqualTo(50 * U);
        assertThat(s.balls()[0].x()).isLessThan(s.balls()[1].x());
        assertThat((long) s.balls()[1].x() - s.balls()[0].x()).isGreaterThanOrEqualTo(2L * arena.ballRadius() - 2);
    }

    @Test
    void aBallCollidesOnlyWithItsMutualEarliestPartner() {
        // b is hit by a first; c would reach b later in the frame, so c flies on untouched
        Ball a = new Ball(0, 100 * U, 200 * U, 20 * U, 0, -1);
        Ball b = new Ball(1, 112 * U, 200 * U, 0, 0, -1);
        Ball c = new Ball(2, 140 * U, 200 * U, -30 * U, 0, -1);
        Physics.Step s = step(paddles(), a, b, c);
        assertThat(s.balls()[0].vx()).isZero();
        assertThat(s.balls()[1].vx()).isEqualTo(20 * U);
        assertThat(s.balls()[2]).isEqualTo(c.freeFlight());
    }

    @Test
    void timeOfImpactIsSymmetric() {
        Ball a = new Ball(0, 100 * U + 17, 200 * U - 5, 13 * U + 3, 2 * U, -1);
        Ball b = new Ball(1, 118 * U, 203 * U + 9, -7 * U, -U - 1, -1);
        int t = Physics.timeOfImpact(a, b, 8 * U);
        assertThat(t).isBetween(0, Physics.Q - 1);
        assertThat(Physics.timeOfImpact(b, a, 8 * U)).isEqualTo(t);
    }
}
