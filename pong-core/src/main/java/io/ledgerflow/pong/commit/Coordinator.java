package io.ledgerflow.pong.commit;

import io.ledgerflow.pong.commit.Message.Abort;
import io.ledgerflow.pong.commit.Message.CanCommit;
import io.ledgerflow.pong.commit.Message.CommitAck;
import io.ledgerflow.pong.commit.Message.DoCommit;
import io.ledgerflow.pong.commit.Message.Phase;
import io.ledgerflow.pong.commit.Message.PreCommit;
import io.ledgerflow.pong.commit.Message.PreCommitAck;
import io.ledgerflow.pong.commit.Message.ShardResult;
import io.ledgerflow.pong.commit.Message.StateReport;
import io.ledgerflow.pong.commit.Message.StateRequest;
import io.ledgerflow.pong.commit.Message.Vote;
import io.ledgerflow.pong.commit.Message.Work;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Goal;
import io.ledgerflow.pong.physics.Mix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Three-phase commit coordinator for one transaction at a time (normally: one frame).
 *
 * <ol>
 *   <li><b>can-commit</b>: send {@link CanCommit}; shards compute and vote. A no-vote or a timeout
 *       aborts the attempt; the transaction is retried with a new attempt, up to
 *       {@link Options#maxAttempts()}.
 *   <li><b>pre-commit</b>: all voted yes; send {@link PreCommit} with the version (a hash of the
 *       attempt and every shard's digest); re-send to silent shards until all acknowledge. From here on
 *       the transaction is never aborted.
 *   <li><b>do-commit</b>: send {@link DoCommit}; re-send until all acknowledge; report the outcome.
 * </ol>
 *
 * <p>A replacement coordinator gets a higher epoch and runs {@link #recover} — the termination protocol:
 * it asks every shard for its state (which also fences the old epoch off), then commits if any shard is
 * committed or pre-committed (re-sending pre-commit to the others first) and otherwise aborts every
 * prepared attempt and retries. It waits for every shard's report: shards are durable and come back, and
 * waiting is what keeps the decision safe when messages are lost (3PC's non-blocking variant is unsafe
 * under partitions).
 *
 * <p>Event-driven and single-threaded: call {@link #onMessage} for each message addressed to
 * {@link #node()}; timers go through the {@link Scheduler}.
 */
public final class Coordinator {

    /**
     * @param timeout ticks of the scheduler's clock to wait for a phase
     * @param maxAttempts attempts per transaction before reporting failure
     */
    public record Options(long timeout, int maxAttempts) {
        public static final Options DEFAULT = new Options(20, 50);
    }

    /** A committed transaction: what every shard committed, merged. */
    public record Outcome(
            long txn,
            Work work,
            long attempt,
            long epoch,
            long version,
            long digest,
            int balls,
            List<Ball> changed,
            List<Goal> goals) {}

    /**
     * What the coordinator reports to its owner (the cluster). Each report names the transaction and the reporting
     * coordinator's epoch, like every protocol message, and the owner must fence it as shards fence messages: a
     * coordinator replaced while still running (a zombie) goes on until its attempts run out, and its late
     * {@code committed} or {@code failed} for a transaction the owner has handed to a later epoch, or moved past, is
     * not news about the owner's current transaction.
     */
    public interface Listener {
        /** {@code outcome.txn()} committed; {@code outcome.epoch()} is the reporting coordinator's. */
        void committed(Outcome outcome);

        /** Every attempt of {@code txn} by the coordinator of {@code epoch} aborted: nothing of it was committed. */
        void failed(long txn, long epoch, String reason);
    }

    private enum State {
        IDLE,
        VOTING,
        PRE_COMMITTING,
        COMMITTING,
        TERMINATING,
        DONE
    }

    private final long epoch;
    private final int node;
    private final int shards;
    private final Transport transport;
    private final Scheduler scheduler;
    private final Options options;
    private final Listener listener;

    private State state = State.IDLE;
    private long txn;
    private Work work;
    private long attempt;
    private int attemptsUsed;
    private long version;
    private ShardResult[] results;
    private int resultCount;
    private boolean[] acks;
    private int ackCount;
    private StateReport[] reports;
    private int reportCount;
    private long timer;
    private String lastAbortReason = "";

    public Coordinator(
            long epoch, int shards, Transport transport, Scheduler scheduler, Options options, Listener listener) {
        this.epoch = epoch;
        this.node = Nodes.coordinator(epoch);
        this.shards = shards;
        this.transport = transport;
        this.scheduler = scheduler;
        this.options = options;
        this.listener = listener;
        transport.register(node, this::onMessage);
    }

    public int node() {
        return node;
    }

    public long epoch() {
        return epoch;
    }

    /** Stops reacting (the coordinator "dies"); a replacement with a higher epoch runs {@link #recover}. */
    public void kill() {
        transport.unregister(node);
        timer++;
        state = State.DONE;
    }

    public boolean busy() {
        return state != State.IDLE && state != State.DONE;
    }

    /** Starts transaction {@code txn}: the shards are all at {@code txn - 1}. */
    public void begin(long txn, Work work) {
        // attempt ids count from 1 per transaction and epoch, and never repeat when a txn is re-run
        this.attempt = txn == this.txn ? Math.max(attempt, epoch << 32) : epoch << 32;
        this.txn = txn;
        this.work = work;
        this.attemptsUsed = 0;
        startAttempt();
    }

    /** Termination protocol for {@code txn}, whose work is retried if the protocol aborts it. */
    public void recover(long txn, Work work) {
        this.attempt = txn == this.txn ? Math.max(attempt, epoch << 32) : epoch << 32;
        this.txn = txn;
        this.work = work;
        this.attemptsUsed = 0;
        state = State.TERMINATING;
        reports = new StateReport[shards];
        reportCount = 0;
        for (int s = 0; s < shards; s++) {
            transport.send(new StateRequest(txn, epoch, node, s));
        }
        arm();
    }

    private void startAttempt() {
        attempt++;
        attemptsUsed++;
        state = State.VOTING;
        results = new ShardResult[shards];
        resultCount = 0;
        for (int s = 0; s < shards; s++) {
            transport.send(new CanCommit(txn, attempt, epoch, node, s, work));
        }
        arm();
    }

    private void arm() {
        long token = ++timer;
        scheduler.schedule(options.timeout(), () -> {
            if (token == timer) {
                onTimeout();
            }
        });
    }

    private void onTimeout() {
        switch (state) {
            case VOTING -> abort("timeout waiting for votes");
            case PRE_COMMITTING -> {
                for (int s = 0; s < shards; s++) {
                    if (!acks[s]) {
                        transport.send(new PreCommit(txn, attempt, epoch, node, s, version));
                    }
                }
                arm();
            }
            case COMMITTING -> {
                for (int s = 0; s < shards; s++) {
                    if (!acks[s]) {
                        transport.send(new DoCommit(txn, attempt, epoch, node, s, version));
                    }
                }
                arm();
            }
            case TERMINATING -> {
                for (int s = 0; s < shards; s++) {
                    if (reports[s] == null) {
                        transport.send(new StateRequest(txn, epoch, node, s));
                    }
                }
                arm();
            }
            default -> {}
        }
    }

    private void abort(String reason) {
        lastAbortReason = reason;
        for (int s = 0; s < shards; s++) {
            transport.send(new Abort(txn, attempt, epoch, node, s));
        }
        if (attemptsUsed >= options.maxAttempts()) {
            state = State.DONE;
            timer++;
            listener.failed(txn, epoch, "aborted " + attemptsUsed + " attempts; last: " + reason);
        } else {
            startAttempt();
        }
    }

    public String lastAbortReason() {
        return lastAbortReason;
    }

    public void onMessage(Message m) {
        switch (m) {
            case Vote v
            when state == State.VOTING && current(v.txn(), v.attempt(), v.epoch()) -> {
                if (!v.yes()) {
                    abort("shard " + v.from() + " voted no: " + v.reason());
                } else if (results[v.from()] == null) {
                    results[v.from()] = v.result();
                    if (++resultCount == shards) {
                        version = version();
                        preCommit(new boolean[shards]);
                    }
                }
            }
            case PreCommitAck a
            when state == State.PRE_COMMITTING && current(a.txn(), a.attempt(), a.epoch()) -> {
                if (!acks[a.from()]) {
                    acks[a.from()] = true;
                    if (++ackCount == shards) {
                        doCommit(new boolean[shards]);
                    }
                }
            }
            case CommitAck a
            when state == State.COMMITTING && current(a.txn(), a.attempt(), a.epoch()) -> {
                if (!acks[a.from()]) {
                    acks[a.from()] = true;
                    if (++ackCount == shards) {
                        done();
                    }
                }
            }
            case StateReport r
            when state == State.TERMINATING && r.txn() == txn && r.epoch() == epoch -> {
                if (reports[r.from()] == null) {
                    reports[r.from()] = r;
                    if (++reportCount == shards) {
                        decide();
                    }
                }
            }
            default -> {}
        }
    }

    private boolean current(long t, long a, long e) {
        return t == txn && a == attempt && e == epoch;
    }

    private long version() {
        long sum = 0;
        for (ShardResult r : results) {
            sum += r.digest();
        }
        return Mix.mix(Mix.mix(Mix.mix(txn) ^ attempt) ^ sum) ^ work.frame();
    }

    private void preCommit(boolean[] already) {
        state = State.PRE_COMMITTING;
        acks = already;
        ackCount = count(already);
        if (ackCount == shards) {
            doCommit(new boolean[shards]);
            return;
        }
        for (int s = 0; s < shards; s++) {
            if (!acks[s]) {
                transport.send(new PreCommit(txn, attempt, epoch, node, s, version));
            }
        }
        arm();
    }

    private void doCommit(boolean[] already) {
        state = State.COMMITTING;
        acks = already;
        ackCount = count(already);
        if (ackCount == shards) {
            done();
            return;
        }
        for (int s = 0; s < shards; s++) {
            if (!acks[s]) {
                transport.send(new DoCommit(txn, attempt, epoch, node, s, version));
            }
        }
        arm();
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** Termination decision, with every shard's report in hand. */
    private void decide() {
        StateReport decided = null;
        for (StateReport r : reports) {
            if (r.phase() == Phase.COMMITTED) {
                decided = r;
                break;
            }
        }
        if (decided == null) {
            for (StateReport r : reports) {
                if (r.phase() == Phase.PRE_COMMITTED) {
                    decided = r;
                    break;
                }
            }
        }
        if (decided == null) {
            for (StateReport r : reports) {
                if (r.phase() == Phase.READY) {
                    transport.send(new Abort(txn, r.attempt(), epoch, node, r.from()));
                }
            }
            startAttempt();
            return;
        }
        attempt = decided.attempt();
        version = decided.version();
        results = new ShardResult[shards];
        boolean[] committed = new boolean[shards];
        boolean[] preCommitted = new boolean[shards];
        for (StateReport r : reports) {
            if (r.phase() == Phase.NONE || r.attempt() != attempt) {
                throw new IllegalStateException("termination found shard " + r.from() + " at " + r.phase() + " attempt "
                        + r.attempt() + " while another shard is " + decided.phase() + " at " + attempt);
            }
            results[r.from()] = r.result();
            committed[r.from()] = r.phase() == Phase.COMMITTED;
            preCommitted[r.from()] = r.phase() != Phase.READY;
        }
        if (decided.phase() == Phase.COMMITTED) {
            doCommit(committed);
        } else {
            preCommit(preCommitted);
        }
    }

    private void done() {
        state = State.DONE;
        timer++;
        long digest = 0;
        int balls = 0;
        List<Ball> changed = new ArrayList<>();
        List<Goal> goals = new ArrayList<>();
        for (ShardResult r : results) {
            digest += r.digest();
            balls += r.owned();
            changed.addAll(r.changed());
            goals.addAll(r.goals());
        }
        changed.sort(Comparator.comparingInt(Ball::id));
        goals.sort(Comparator.comparingInt(Goal::ballId));
        listener.committed(new Outcome(
                txn, work, attempt, epoch, version, digest, balls, List.copyOf(changed), List.copyOf(goals)));
    }
}
