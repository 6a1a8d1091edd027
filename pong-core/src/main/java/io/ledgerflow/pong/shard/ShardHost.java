package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.commit.Transport;
import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Some shards of a game, hosted by one process on a transport (with a {@link RealTimeCluster}'s coordinator in this or
 * another process). They start empty at {@code frame} under {@code layout}; the coordinator's first transaction
 * installs their balls. Each keeps its records in its own store, so {@link #crash} and {@link #recover} are a
 * process losing its memory and replaying its store.
 */
public final class ShardHost implements AutoCloseable {

    private final List<ShardRuntime> runtimes = new ArrayList<>();
    private final ProtocolThread protocol;

    /** {@code protocol}: the thread the transport delivers this process's messages on. */
    public ShardHost(
            Arena arena, ZoneLayout layout, long frame, int[] shardIds, Transport transport, ProtocolThread protocol) {
        this.protocol = protocol;
        for (int id : shardIds) {
            ShardStore store = new InMemoryShardStore();
            store.append(Shard.initial(id, layout, frame, new Ball[0]));
            ShardRuntime runtime = new ShardRuntime(id, layout.shards(), arena, store, transport, (s, t, a, v) -> {});
            runtime.start();
            runtimes.add(runtime);
        }
    }

    public List<ShardRuntime> shards() {
        return List.copyOf(runtimes);
    }

    /** The shards stop answering and lose everything but their stores. */
    public void crash() {
        protocol.runAndWait(() -> runtimes.forEach(ShardRuntime::crash));
    }

    /** The shards replay their stores and answer again. */
    public void recover() {
        protocol.runAndWait(() -> runtimes.forEach(ShardRuntime::start));
    }

    @Override
    public void close() {
        crash();
    }
}
