package io.ledgerflow.pong.log;

import java.util.ArrayList;
import java.util.List;

public final class InMemoryFrameLog implements FrameLog {
    private final List<LogEntry> entries = new ArrayList<>();
    private long latestSnapshot = -1;

    @Override
    public synchronized long append(LogEntry entry) {
        entries.add(entry);
        if (entry instanceof LogEntry.Snapshot) {
            latestSnapshot = entries.size() - 1;
        }
        return entries.size() - 1;
    }

    @Override
    public synchronized List<LogEntry> read(long offset) {
        return List.copyOf(entries.subList((int) offset, entries.size()));
    }

    @Override
    public synchronized long endOffset() {
        return entries.size();
    }

    @Override
    public synchronized long latestSnapshotOffset() {
        return latestSnapshot;
    }
}
