package io.ledgerflow.system.faults;

import java.util.Map;

/**
 * One client request and what came of it, as the history records it.
 *
 * @param id unique in the run; a write's cells hold values derived from it, so each write's effect can be found
 * @param workbook the workbook (or game) addressed
 * @param invokedNanos {@link System#nanoTime()} when the request was sent
 * @param completedNanos when the answer came (or the client gave up)
 * @param expected a write's {@code If-Match} revision, a read's {@code minRevision}; null when none
 * @param revision the revision the answer named (a write's new one, the one read), or -1
 * @param cells what was written, or what was read (cell to number)
 */
public record Op(
        long id,
        int client,
        Kind kind,
        String workbook,
        long invokedNanos,
        long completedNanos,
        Outcome outcome,
        Long expected,
        long revision,
        Map<String, Double> cells,
        String detail) {

    public enum Kind {
        WRITE,
        BATCH,
        READ,
        LINK,
        PONG_INPUT,
        /** A delta version of the run's dataset: the dataset stands as the workbook, its version as the revision. */
        PUBLISH
    }

    /** Jepsen's three: ok, definitely failed (fail), and indeterminate (info). */
    public enum Outcome {
        OK,
        REFUSED,
        UNKNOWN
    }

    public boolean isWrite() {
        return kind == Kind.WRITE || kind == Kind.BATCH || kind == Kind.PUBLISH;
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
