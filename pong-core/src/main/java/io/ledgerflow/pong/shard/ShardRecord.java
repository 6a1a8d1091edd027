package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Message.ShardResult;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.List;

/**
 * What a shard appends to its durable store. The shard's state is exactly the result of applying its
 * records in order; recovery is replaying them.
 */
public sealed interface ShardRecord {

    /** The committed state after transaction {@code txn}; the store is compacted to this. */
    record Checkpoint(
            long txn,
            long frame,
            List<Ball> owned,
            ZoneLayout layout,
            long promisedEpoch,
            long lastAttempt,
            long lastVersion,
            ShardResult lastResult)
            implements ShardRecord {}

    /** Never again accept messages from coordinators of a lower epoch. */
    record Promised(long epoch) implements ShardRecord {}

    /** Voted yes for {@code attempt}: the tentative next state (write-ahead of the vote). */
    record Prepared(long txn, long attempt, long frame, List<Ball> tentative, ZoneLayout layout, ShardResult result)
            implements ShardRecord {}

    record PreCommitted(long txn, long attempt, long version) implements ShardRecord {}

    record Committed(long txn, long attempt, long version) implements ShardRecord {}

    record Aborted(long txn, long attempt) implements ShardRecord {}
}
