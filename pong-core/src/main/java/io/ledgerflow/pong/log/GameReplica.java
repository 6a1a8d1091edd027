package io.ledgerflow.pong.log;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.log.LogEntry.Correction;
import io.ledgerflow.pong.log.LogEntry.FrameCommitted;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.zone.Zone;
import java.util.List;

/**
 * A read-only copy of a game rebuilt from its log by applying entries (no physics): what a client or a
 * new replica does to join mid-game. Every entry's state hash is checked, so a replica that diverges
 * fails loudly instead of drifting.
 */
public final class GameReplica {
    private GameConfig config;
    private GameState state;
    private List<Zone> zones;
    private long offset;
    private int corrections;

    private GameReplica() {}

    /** Joins from the latest snapshot and applies every entry after it. */
    public static GameReplica join(FrameLog log) {
        long from = log.latestSnapshotOffset();
        if (from < 0) {
            throw new IllegalStateException("log has no snapshot");
        }
        GameReplica r = new GameReplica();
        r.offset = from;
        r.catchUp(log);
        return r;
    }

    /** Replays the whole log from its first entry (which must be a snapshot). */
    public static GameReplica fromStart(FrameLog log) {
        GameReplica r = new GameReplica();
        r.catchUp(log);
        return r;
    }

    /** Applies the entries appended since the last call, checking every entry's state hash. */
    public void catchUp(FrameLog log) {
        for (LogEntry e : log.read(offset)) {
            apply(e, true);
            offset++;
        }
    }

    /** Applies one entry and checks the state hash. */
    public void apply(LogEntry entry) {
        apply(entry, true);
    }

    private void apply(LogEntry entry, boolean verify) {
        switch (entry) {
            case Snapshot s -> {
                config = s.config();
                zones = s.zones();
                state = new GameState(
                        s.frame(),
                        s.balls().toArray(Ball[]::new),
                        s.paddles().toArray(Paddle[]::new),
                        ints(s.scores()));
            }
            case FrameCommitted f -> {
                require(state != null && f.frame() == state.frame() + 1, entry);
                state = new GameState(
                        f.frame(),
                        GameState.applyDelta(state.balls(), f.changed()),
                        f.paddles().toArray(Paddle[]::new),
                        Stepper.score(state.scores(), f.goals()));
                if (!f.zones().isEmpty()) {
                    zones = f.zones();
                }
            }
            case Correction c -> {
                require(state != null && c.frame() == state.frame(), entry);
                state = new GameState(
                        c.frame(),
                        GameState.patch(state.balls(), c.changed()),
                        c.paddles().toArray(Paddle[]::new),
                        ints(c.scores()));
                corrections++;
            }
        }
        if (verify && state.hash() != entry.stateHash()) {
            throw new IllegalStateException(
                    "replica diverged at " + entry.getClass().getSimpleName() + " of frame "
                            + entry.frame() + ": " + Long.toHexString(state.hash()) + " != "
                            + Long.toHexString(entry.stateHash()));
        }
    }

    private static void require(boolean ok, LogEntry e) {
        if (!ok) {
            throw new IllegalStateException(
                    "entry out of order: " + e.getClass().getSimpleName() + " " + e.frame());
        }
    }

    static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    public GameConfig config() {
        return config;
    }

    public GameState state() {
        return state;
    }

    public List<Zone> zones() {
        return zones;
    }

    public int corrections() {
        return corrections;
    }

    public long offset() {
        return offset;
    }
}
