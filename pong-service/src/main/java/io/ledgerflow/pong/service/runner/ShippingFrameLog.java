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
    private final List<Consumer<FrameMessage>> listeners = new CopyOnWriteArrayList<>();
    /** Entries from offset {@code base} on; the first is the latest snapshot once there is one. */
    private final List<FrameMessage> kept = new ArrayList<>();

    private long base;
    private boolean hasSnapshot;

    ShippingFrameLog(UUID gameId, FrameShipper shipper, SnapshotStore snapshots) {
        this.gameId = gameId;
        this.shipper = shipper;
        this.snapshots = snapshots;
    }

    void listen(Consumer<FrameMessage> listener) {
        listeners.add(listener);
    }

    void unlisten(Consumer<FrameMessage> listener) {
        listeners.remove(listener);
    }

    @Override
    public long append(LogEntry entry) {
        FrameMessage message = new FrameMessage(gameId.toString(), entry);
        long offset;
        synchronized (this) {
            if (entry instanceof LogEntry.Snapshot) {
                base += kept.size();
                kept.clear();
                hasSnapshot = true;
            }
            kept.add(message);
            offset = base + kept.size() - 1;
        }
        if (entry instanceof LogEntry.Snapshot) {
            snapshots.offer(gameId, message);
        }
        shipper.offer(message);
        listeners.forEach(listener -> listener.accept(message));
        return offset;
    }

    /** Entries from {@code offset} on; entries before the latest snapshot are no longer here. */
    @Override
    public List<LogEntry> read(long offset) {
        return messages(offset).stream().map(FrameMessage::entry).toList();
    }

    /** The entries from {@code offset} on as messages (their JSON rendered at most once). */
    synchronized List<FrameMessage> messages(long offset) {
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
