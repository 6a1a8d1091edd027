package io.ledgerflow.pong.shard;

import java.util.List;

/**
 * A shard's durable record store (survives a crash of the shard). The service may back it with a
 * compacted topic or a table; {@link InMemoryShardStore} is the core's.
 */
public interface ShardStore {
    void append(ShardRecord record);

    /** Replaces everything stored by one checkpoint (log compaction). */
    void compact(ShardRecord.Checkpoint checkpoint);

    List<ShardRecord> records();
}
