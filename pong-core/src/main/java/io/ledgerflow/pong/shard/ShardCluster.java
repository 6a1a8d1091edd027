package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.Message.Work;

/**
 * The shards of one game and the coordinator that runs transactions across them, as {@link io.ledgerflow.pong.PongGame}
 * sees them: in one process on a virtual clock ({@link InProcessCluster}), or spread over processes in real time
 * ({@link RealTimeCluster}).
 */
public interface ShardCluster {

    /** The end of a transaction: its outcome, or why it failed. */
    record Result(Coordinator.Outcome outcome, String failure) {
        public boolean committed() {
            return outcome != null;
        }
    }

    /** Runs the next transaction to its end; a failed one is retried under the same number by the next call. */
    Result run(Work work);
}
