package io.ledgerflow.pong.log;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.LogEntry.Correction;
import io.ledgerflow.pong.log.LogEntry.FrameCommitted;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.warp.TimeWarp;
import java.util.List;

/**
 * Re-runs the physics of a whole game from its first snapshot using only the inputs in the log, with
 * the same time warp the live game used, checking the state hash of every entry. Proves that the log
 * (inputs) determines the state bit for bit — not just that deltas add up.
 */
public final class Resimulation {
    private Resimulation() {}

    public static GameState run(FrameLog log) {
        List<LogEntry> entries = log.read(0);
        if (entries.isEmpty() || !(entries.getFirst() instanceof Snapshot first)) {
            throw new IllegalStateException("log must start with a snapshot");
        }
        GameConfig config = first.config();
        GameState start = new GameState(
                first.frame(),
                first.balls().toArray(Ball[]::new),
                first.paddles().toArray(Paddle[]::new),
                GameReplica.ints(first.scores()));
        TimeWarp warp = new TimeWarp(config, start, Integer.MAX_VALUE / 2);
        for (LogEntry e : entries.subList(1, entries.size())) {
            switch (e) {
                case FrameCommitted f -> {
                    for (Input in : f.inputs()) {
                        warp.record(in);
                    }
                    GameState next = io.ledgerflow.pong.game.Stepper.step(
                                    config, warp.head(), warp.inputsFor(f.frame()))
                            .state();
                    warp.push(next);
                }
                case Correction c -> {
                    for (Input in : c.inputs()) {
                        warp.record(in);
                    }
                    warp.adopt(c.fromFrame(), warp.resimulate(c.fromFrame()));
                }
                case Snapshot s -> {}
            }
            if (warp.head().hash() != e.stateHash()) {
                throw new IllegalStateException(
                        "re-simulation diverged at " + e.getClass().getSimpleName() + " of frame " + e.frame());
            }
        }
        return warp.head();
    }
}
