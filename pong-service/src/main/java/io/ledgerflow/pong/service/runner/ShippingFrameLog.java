package io.ledgerflow.pong.service.runner;

import io.ledgerflow.pong.log.FrameLog;
import io.ledgerflow.pong.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A game's log as this instance keeps it: only the entries from the latest snapshot on (what a joiner needs; the
 * frames topic keeps the whole log), so memory stays bounded however long the game runs. Each appended entry is also
 * offered to the Kafka shipper and given to the listeners, and a snapshot is offered to the {@link SnapshotStore}.
 * Offsets count from the game's first entry, trimmed or not.
 */
final class ShippingFrameLog implements FrameLog {

    private final UUID gameId;
    private final FrameShipper shipper;
    private final SnapshotStore snapshots;
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();
    /** Entries from offset {@code base} on; the first is the latest snapshot once there is one. */
    private final List<LogEntry> kept = new ArrayList<>();

    private long base;
    private boolean hasSnapshot;

    ShippingFrameLog(UUID gameId, FrameShipper shipper, SnapshotStore snapshots) {
        this.gameId = gameId;
        this.shipper = shipper;
        this.snapshots = snapshots;
    }

    void listen(Consumer<LogEntry> listener) {
        listeners.add(listener);
    }

    void unlisten(Consumer<LogEntry> listener) {
        listeners.remove(listener);
    }

    @Override
    public long append(LogEntry entry) {
        long offset;
        synchronized (this) {
            if (entry instanceof LogEntry.Snapshot) {
                base += kept.size();
                kept.clear();
                hasSnapshot = true;
            }
            kept.add(entry);
            offset = base + kept.size() - 1;
        }
        if (entry instanceof LogEntry.Snapshot snapshot) {
            snapshots.offer(gameId, snapshot);
        }
        shipper.offer(gameId.toString(), entry);
        listeners.forEach(listener -> listener.accept(entry));
        return offset;
    }

    /** Entries from {@code offset} on; entries before the latest snapshot are no longer here. */
    @Override
    public synchronized List<LogEntry> read(long offset) {
        if (offset < base) {
            throw new IllegalArgumentException(
                    "entries before offset " + base + " (the latest snapshot) are only in the frames topic");
        }
        return List.copyOf(kept.subList((int) (offset - base), kept.size()));
    }

    @Override
    public synchronized long endOffset() {
        return base + kept.size();
    }

    @Override
    public synchronized long latestSnapshotOffset() {
        return hasSnapshot ? base : -1;
    }
}
