package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.commit.Transport;
import io.ledgerflow.pong.physics.Arena;

/**
 * Hosts a {@link Shard} on a {@link Transport}: for each message it runs the command, appends the
 * records to the durable store, applies them, then sends the replies (write-ahead). {@link #crash()}
 * loses everything not in the store; {@link #start()} recovers by replaying the store.
 */
public final class ShardRuntime {

    /** Observes commits, e.g. to check that no two shards commit different versions of a transaction. */
    public interface CommitListener {
        void committed(int shard, long txn, long attempt, long version);
    }

    private final int id;
    private final int shards;
    private final Arena arena;
    private final ShardStore store;
    private final Transport transport;
    private final CommitListener listener;
    private Shard shard;

    public ShardRuntime(
            int id, int shards, Arena arena, ShardStore store, Transport transport, CommitListener listener) {
        this.id = id;
        this.shards = shards;
        this.arena = arena;
        this.store = store;
        this.transport = transport;
        this.listener = listener;
    }

    public void start() {
        shard = Shard.recover(id, shards, arena, store.records());
        transport.register(id, this::onMessage);
    }

    public void crash() {
        transport.unregister(id);
        shard = null;
    }

    public boolean isUp() {
        return shard != null;
    }

    /** The live shard (null while crashed). */
    public Shard shard() {
        return shard;
    }

    public ShardStore store() {
        return store;
    }

    private void onMessage(Message m) {
        if (shard == null) {
            return;
        }
        Shard.Output out = shard.handle(m);
        boolean committed = false;
        for (ShardRecord r : out.records()) {
            store.append(r);
            if (r instanceof ShardRecord.Committed c) {
                committed = true;
                listener.committed(id, c.txn(), c.attempt(), c.version());
            }
        }
        if (committed) {
            store.compact(shard.checkpoint());
        }
        for (Message msg : out.messages()) {
            transport.send(msg);
        }
    }
}
