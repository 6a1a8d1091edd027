package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.EventLoop;
import io.ledgerflow.pong.commit.Message.Work;
import io.ledgerflow.pong.commit.SimulatedNetwork;
import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N shards and a coordinator in one process, over a {@link SimulatedNetwork} on an {@link EventLoop}.
 * {@link #run} drives one transaction to its end; if the coordinator goes silent (nothing left to run
 * and no outcome) it is replaced by one of the next epoch, which runs the termination protocol.
 *
 * <p>It also watches every shard commit: two shards committing different (attempt, version) for the
 * same transaction is recorded in {@link #violations()} (the 3PC safety property).
 */
public final class InProcessCluster implements ShardCluster {

    private final int shards;
    private final EventLoop loop;
    private final SimulatedNetwork network;
    private final Coordinator.Options options;
    private final List<ShardRuntime> runtimes = new ArrayList<>();
    private final Map<Long, long[]> commits = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private Coordinator coordinator;
    private long epoch;
    private long txn;
    private Work work;
    private Coordinator.Outcome outcome;
    private String failure;
    private long maxTasksPerRun = 50_000_000;
    private int failovers;
    private int fencedReports;

    public InProcessCluster(
            Arena arena,
            ZoneLayout layout,
            long frame,
            Ball[] balls,
            EventLoop loop,
            SimulatedNetwork network,
            Coordinator.Options options) {
        this.shards = layout.shards();
        this.loop = loop;
        this.network = network;
        this.options = options;
        for (int s = 0; s < shards; s++) {
            ShardStore store = new InMemoryShardStore();
            store.append(Shard.initial(s, layout, frame, balls));
            ShardRuntime rt = new ShardRuntime(s, shards, arena, store, network, this::observe);
            rt.start();
            runtimes.add(rt);
        }
        coordinator = newCoordinator();
    }

    /** A cluster with a fault-free network. */
    public static InProcessCluster create(Arena arena, ZoneLayout layout, long frame, Ball[] balls) {
        EventLoop loop = new EventLoop();
        return new InProcessCluster(
                arena, layout, frame, balls, loop, new SimulatedNetwork(loop), Coordinator.Options.DEFAULT);
    }

    private Coordinator newCoordinator() {
        return new Coordinator(epoch, shards, network, loop, options, new Coordinator.Listener() {
            @Override
            public void committed(Coordinator.Outcome o) {
                if (current(o.txn(), o.epoch())) {
                    outcome = o;
                }
            }

            @Override
            public void failed(long t, long e, String reason) {
                if (current(t, e)) {
                    failure = reason;
                }
            }
        });
    }

    /**
     * Whether a coordinator's report is about the running transaction and comes from its coordinator: a replaced
     * coordinator still running (a zombie, see {@link #replaceCoordinatorKeepingTheOld}) reports on transactions it no
     * longer owns — its failure after its fenced attempts run out would end a later transaction as failed (the shards
     * committed it, the game retries it: a stall), its commit would stand for a later transaction's outcome.
     */
    private boolean current(long t, long e) {
        if (e == epoch && t == txn && outcome == null && failure == null) {
            return true;
        }
        fencedReports++;
        return false;
    }

    // synchronized: on a parallel loop, shards commit from several threads at once
    private synchronized void observe(int shard, long t, long attempt, long version) {
        long[] first = commits.get(t);
        if (first == null) {
            commits.put(t, new long[] {attempt, version});
        } else if (first[0] != attempt || first[1] != version) {
            violations.add("txn " + t + ": shard " + shard + " committed attempt " + attempt + " version " + version
                    + " but another shard committed attempt " + first[0] + " version " + first[1]);
        }
        commits.remove(t - 1000);
    }

    /** Runs the next transaction to its end. */
    @Override
    public Result run(Work work) {
        txn++;
        outcome = null;
        failure = null;
        this.work = work;
        coordinator.begin(txn, work);
        return await(work);
    }

    /**
     * Starts a coordinator of the next epoch for the running transaction <em>without</em> stopping the
     * current one (a false failure suspicion): the old one lives on as a zombie that the epoch fences off.
     */
    public void replaceCoordinatorKeepingTheOld() {
        epoch++;
        failovers++;
        coordinator = newCoordinator();
        coordinator.recover(txn, work);
    }

    private Result await(Work work) {
        while (true) {
            loop.runUntil(() -> outcome != null || failure != null || !coordinator.busy(), maxTasksPerRun);
            if (outcome != null) {
                return new Result(outcome, null);
            }
            if (failure != null) {
                txn--; // nothing committed: the next run retries the same transaction number
                return new Result(null, failure);
            }
            if (coordinator.busy() && !loop.isIdle()) {
                throw new IllegalStateException(
                        "transaction " + txn + " still running after " + maxTasksPerRun + " events");
            }
            failover(work);
        }
    }

    /** Replaces the coordinator by one of the next epoch, which terminates the current transaction. */
    private void failover(Work work) {
        coordinator.kill();
        epoch++;
        failovers++;
        coordinator = newCoordinator();
        coordinator.recover(txn, work);
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    public int failovers() {
        return failovers;
    }

    /** Reports of coordinators ignored because they were not about the running transaction or not from its coordinator. */
    public int fencedReports() {
        return fencedReports;
    }

    public ShardRuntime shard(int i) {
        return runtimes.get(i);
    }

    public int shards() {
        return shards;
    }

    public EventLoop loop() {
        return loop;
    }

    public SimulatedNetwork network() {
        return network;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public long txn() {
        return txn;
    }
}
