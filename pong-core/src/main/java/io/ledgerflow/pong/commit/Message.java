package io.ledgerflow.pong.commit;

import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Goal;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.List;

/**
 * Everything shards and coordinators say to each other: plain immutable records, addressed by node
 * id ({@link Nodes}), so a transport only needs to route on {@link #to()} and serialise records.
 *
 * <p>A transaction {@code txn} is one change of the game state that all shards must agree on: the
 * next frame ({@link Advance}) or a replacement state after a time-warp correction ({@link Install}).
 * A coordinator runs it in attempts; {@code attempt} ids are unique across coordinators (they embed
 * the coordinator's epoch), {@code epoch} fences replaced coordinators.
 */
public sealed interface Message {
    int from();

    int to();

    /** What a transaction does to the shards' state. */
    sealed interface Work {
        long frame();

        ZoneLayout layout();
    }

    /** Advance one frame with these paddles (already moved for the frame) under this zone layout. */
    record Advance(long frame, List<Paddle> paddles, ZoneLayout layout) implements Work {}

    /** Replace the state by {@code balls} (all of them; each shard keeps those in its zones). */
    record Install(long frame, List<Ball> balls, ZoneLayout layout) implements Work {}

    /** What a shard computed for an attempt: the basis of its vote and of the log entry. */
    record ShardResult(long digest, int owned, List<Ball> changed, List<Goal> goals) {}

    /** Phase 1: can you commit {@code work} as transaction {@code txn}? Shards compute, then vote. */
    record CanCommit(long txn, long attempt, long epoch, int from, int to, Work work) implements Message {}

    /** Sharing phase, before advancing: balls changing owner under the new layout, and ghosts. */
    record Exchange(long txn, long attempt, int from, int to, List<Ball> transfers, List<Ball> ghosts)
            implements Message {}

    /** Sharing phase, after advancing: balls that crossed into a zone of shard {@code to}. */
    record Handoff(long txn, long attempt, int from, int to, List<Ball> balls) implements Message {}

    record Vote(long txn, long attempt, long epoch, int from, int to, boolean yes, ShardResult result, String reason)
            implements Message {}

    /** Phase 2: everyone voted yes for {@code attempt}, whose version is {@code version}. */
    record PreCommit(long txn, long attempt, long epoch, int from, int to, long version) implements Message {}

    record PreCommitAck(long txn, long attempt, long epoch, int from, int to) implements Message {}

    /** Phase 3: commit. */
    record DoCommit(long txn, long attempt, long epoch, int from, int to, long version) implements Message {}

    record CommitAck(long txn, long attempt, long epoch, int from, int to) implements Message {}

    record Abort(long txn, long attempt, long epoch, int from, int to) implements Message {}

    /** Termination protocol: a new coordinator asks each shard where it stands on {@code txn}. */
    record StateRequest(long txn, long epoch, int from, int to) implements Message {}

    enum Phase {
        /** Has not voted yes for any live attempt of the transaction. */
        NONE,
        /** Voted yes for {@code attempt}, waiting. */
        READY,
        PRE_COMMITTED,
        COMMITTED
    }

    record StateReport(
            long txn, long epoch, int from, int to, Phase phase, long attempt, long version, ShardResult result)
            implements Message {}
}
