package io.ledgerflow.pong.service.game;

/** Where a game is in its lifecycle, as stored: it runs (or is paused for want of clients) until it is ended. */
public enum GameStatus {
    RUNNING,
    /** Ended by a DELETE: never simulated again; its history stays. */
    ENDED
}
