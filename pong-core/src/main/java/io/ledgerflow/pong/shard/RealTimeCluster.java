package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.Message.Work;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.commit.Transport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A game's coordinator in this process, its shards wherever the transport reaches ({@link ShardHost}s in this or
 * other processes), in real time: the same {@link Coordinator} and {@link Shard} protocol as {@link InProcessCluster},
 * its steps on this process's {@link ProtocolThread}. A transaction whose coordinator stays silent for
 * {@code silence} (no outcome) is handed to a coordinator of the next epoch, which finishes or aborts it by the
 * termination protocol, as in process. When even those stay silent (a shard that voted yes is unreachable), the
 * transaction is undecided and the cluster refuses further transactions: its owner places the shards again and goes
 * on from its own state ({@link io.ledgerflow.pong.PongGame#resumeOverCluster}), abandoning these shards.
 */
public final class RealTimeCluster implements ShardCluster {

    private final int shards;
    private final Transport transport;
    private final ProtocolThread protocol;
    private final Coordinator.Options options;
    private final Duration silence;
    private final int maxFailovers;

    // on the protocol thread only
    private Coordinator coordinator;
    private long epoch;
    private CompletableFuture<Result> pending;
    private long pendingTxn;

    private long txn;
    /** Why this cluster takes no more transactions, once one was left undecided. */
    private volatile String undecided;

    public RealTimeCluster(
            int shards, Transport transport, ProtocolThread protocol, Coordinator.Options options, Duration silence) {
        this(shards, transport, protocol, options, silence, 3);
    }

    /**
     * @param maxFailovers how many coordinators of later epochs may try a silent transaction before {@link #run} gives
     *     up on it (a shard that died after voting yes keeps the termination protocol waiting for its report)
     */
    public RealTimeCluster(
            int shards,
            Transport transport,
            ProtocolThread protocol,
            Coordinator.Options options,
            Duration silence,
            int maxFailovers) {
        this.maxFailovers = maxFailovers;
        this.shards = shards;
        this.transport = transport;
        this.protocol = protocol;
        this.options = options;
        this.silence = silence;
        protocol.runAndWait(() -> coordinator = newCoordinator());
    }

    private Coordinator newCoordinator() {
        return new Coordinator(epoch, shards, transport, protocol, options, new Coordinator.Listener() {
            @Override
            public void committed(Coordinator.Outcome outcome) {
                if (current(outcome.txn(), outcome.epoch())) {
                    pending.complete(new Result(outcome, null));
                }
            }

            @Override
            public void failed(long t, long e, String reason) {
                if (current(t, e)) {
                    pending.complete(new Result(null, reason));
                }
            }
        });
    }

    /** Whether a coordinator's report is about the running transaction and from its coordinator (as in process). */
    private boolean current(long t, long e) {
        return pending != null && e == epoch && t == pendingTxn;
    }

    /** Runs the next transaction to its end (called by one thread, the game's). */
    @Override
    public Result run(Work work) {
        if (undecided != null) {
            return new Result(null, undecided);
        }
        long t = ++txn;
        CompletableFuture<Result> done = new CompletableFuture<>();
        protocol.execute(() -> {
            pending = done;
            pendingTxn = t;
            coordinator.begin(t, work);
        });
        for (int failovers = 0; ; failovers++) {
            try {
                Result result = done.get(silence.toMillis(), TimeUnit.MILLISECONDS);
                if (!result.committed()) {
                    txn--; // nothing committed: the next run retries the same transaction number
                }
                return result;
            } catch (TimeoutException e) {
                if (failovers == maxFailovers) {
                    // Some shards may have pre-committed (3PC then waits for every report): the transaction may still
                    // commit here later, so retrying it — with work that may differ — is not safe on these shards.
                    undecided = "transaction " + t + " undecided after " + maxFailovers
                            + " coordinator failovers (a shard is unreachable): place the shards again";
                    protocol.execute(coordinator::kill);
                    return new Result(null, undecided);
                }
                protocol.execute(() -> {
                    coordinator.kill();
                    epoch++;
                    coordinator = newCoordinator();
                    coordinator.recover(t, work);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                txn--;
                return new Result(null, "interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
