package io.ledgerflow.pong.log;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Goal;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.zone.Zone;
import java.util.List;

/**
 * Entries of a game's append-only log (Kafka topic keyed by game id in the service). Past-tense,
 * immutable records of plain values, so they serialise as JSON or any schema without adapters.
 */
public sealed interface LogEntry {
    long frame();

    /** State hash after applying this entry. */
    long stateHash();

    /**
     * Frame {@code frame} was committed by every shard.
     *
     * @param inputs the inputs made for this frame that were known when it was committed
     * @param paddles all paddles after the frame
     * @param changed compact delta: only balls whose state differs from free flight
     *     ({@code x += vx, y += vy}); every other ball moved freely
     * @param zones the zone layout, only when it changed with this frame (else empty)
     */
    record FrameCommitted(
            long frame,
            long txn,
            long attempt,
            long version,
            List<Input> inputs,
            List<Paddle> paddles,
            List<Goal> goals,
            List<Ball> changed,
            List<Zone> zones,
            long stateHash)
            implements LogEntry {}

    /**
     * Late inputs rolled the game back to {@code fromFrame} and it was re-simulated up to {@code frame}
     * (the head). Replaces the state at {@code frame}: the balls in {@code changed} (full states) differ from
     * the previously logged state of that frame; paddles and scores are given whole.
     */
    record Correction(
            long frame,
            long fromFrame,
            List<Input> inputs,
            List<Ball> changed,
            List<Paddle> paddles,
            List<Integer> scores,
            long stateHash)
            implements LogEntry {}

    /** The whole state at {@code frame}; a joiner starts from the latest one. */
    record Snapshot(
            long frame,
            GameConfig config,
            List<Ball> balls,
            List<Paddle> paddles,
            List<Integer> scores,
            List<Zone> zones,
            int shards,
            long stateHash)
            implements LogEntry {}
}
