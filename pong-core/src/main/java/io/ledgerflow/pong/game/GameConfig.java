package io.ledgerflow.pong.game;

import io.ledgerflow.pong.physics.Arena;

/**
 * Everything needed to create the initial state of a game.
 *
 * @param rollbackWindow how many committed frames back a late input may reach
 * @param snapshotEvery a {@code Snapshot} log entry every so many frames
 */
public record GameConfig(Arena arena, int balls, long seed, int rollbackWindow, int snapshotEvery) {

    public GameConfig {
        if (balls < 0 || rollbackWindow < 0 || snapshotEvery <= 0) {
            throw new IllegalArgumentException("invalid game config");
        }
    }

    /** An arena scaled for {@code players} and {@code balls}; rollback window 30 frames, snapshot every 300. */
    public static GameConfig of(int players, int balls, long seed) {
        return new GameConfig(Arena.scaled(players, balls), balls, seed, 30, 300);
    }

    public GameConfig withRollbackWindow(int frames) {
        return new GameConfig(arena, balls, seed, frames, snapshotEvery);
    }

    public GameConfig withSnapshotEvery(int frames) {
        return new GameConfig(arena, balls, seed, rollbackWindow, frames);
    }

    public int players() {
        return arena.players();
    }
}
