package io.ledgerflow.pong.warp;

import io.ledgerflow.pong.game.Input;

/** What became of an input: domain outcomes as values, including refusals with a reason for the client. */
public sealed interface InputResult {
    Input input();

    /** Recorded for a frame not yet committed. */
    record Accepted(Input input) implements InputResult {}

    /** Exactly this input was already recorded. */
    record Duplicate(Input input) implements InputResult {}

    /** Late: the game was rolled back to {@code fromFrame}, re-simulated and a correction logged. */
    record Corrected(Input input, long fromFrame, long toFrame) implements InputResult {}

    record Refused(Input input, Reason reason, String message) implements InputResult {}

    enum Reason {
        /** Older than the rollback window. */
        TOO_LATE,
        /** Too far in the future. */
        TOO_EARLY,
        /** No such player in this game. */
        UNKNOWN_PLAYER,
        /** The correction could not be committed by the shards; the input was not applied. */
        NOT_COMMITTED
    }
}
