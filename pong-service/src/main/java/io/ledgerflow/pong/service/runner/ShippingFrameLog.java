package io.ledgerflow.pong.service.runner;

import io.ledgerflow.pong.log.FrameLog;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.log.LogEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** pong-core's in-memory log of a game, each appended entry also offered to the Kafka shipper. */
final class ShippingFrameLog implements FrameLog {

    private final InMemoryFrameLog local = new InMemoryFrameLog();
    private final String gameId;
    private final FrameShipper shipper;
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();

    void listen(Consumer<LogEntry> listener) {
        listeners.add(listener);
    }

    void unlisten(Consumer<LogEntry> listener) {
        listeners.remove(listener);
    }

    ShippingFrameLog(String gameId, FrameShipper shipper) {
        this.gameId = gameId;
        this.shipper = shipper;
    }

    @Override
    public long append(LogEntry entry) {
        long offset = local.append(entry);
        shipper.offer(gameId, entry);
        listeners.forEach(listener -> listener.accept(entry));
        return offset;
    }

    @Override
    public List<LogEntry> read(long offset) {
        return local.read(offset);
    }

    @Override
    public long endOffset() {
        return local.endOffset();
    }

    @Override
    public long latestSnapshotOffset() {
        return local.latestSnapshotOffset();
    }
}
