package io.ledgerflow.pong.log;

import java.util.List;

/**
 * The append-only log of one game. The core ships {@link InMemoryFrameLog}; the service backs it with a
 * Kafka topic (and a compacted snapshot topic or table for {@link #latestSnapshotOffset()}).
 */
public interface FrameLog {
    /** Appends and returns the entry's offset. Entries are never rewritten. */
    long append(LogEntry entry);

    /** Entries from {@code offset} (inclusive) to the end. */
    List<LogEntry> read(long offset);

    long endOffset();

    /** Offset of the latest {@link LogEntry.Snapshot}, or -1. */
    long latestSnapshotOffset();
}
