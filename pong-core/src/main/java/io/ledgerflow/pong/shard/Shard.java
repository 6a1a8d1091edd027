package io.ledgerflow.pong.shard;

import io.ledgerflow.pong.commit.Message;
import io.ledgerflow.pong.commit.Message.Abort;
import io.ledgerflow.pong.commit.Message.Advance;
import io.ledgerflow.pong.commit.Message.CanCommit;
import io.ledgerflow.pong.commit.Message.CommitAck;
import io.ledgerflow.pong.commit.Message.DoCommit;
import io.ledgerflow.pong.commit.Message.Exchange;
import io.ledgerflow.pong.commit.Message.Handoff;
import io.ledgerflow.pong.commit.Message.Install;
import io.ledgerflow.pong.commit.Message.Phase;
import io.ledgerflow.pong.commit.Message.PreCommit;
import io.ledgerflow.pong.commit.Message.PreCommitAck;
import io.ledgerflow.pong.commit.Message.ShardResult;
import io.ledgerflow.pong.commit.Message.StateReport;
import io.ledgerflow.pong.commit.Message.StateRequest;
import io.ledgerflow.pong.commit.Message.Vote;
import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.physics.Physics;
import io.ledgerflow.pong.shard.ShardRecord.Aborted;
import io.ledgerflow.pong.shard.ShardRecord.Checkpoint;
import io.ledgerflow.pong.shard.ShardRecord.Committed;
import io.ledgerflow.pong.shard.ShardRecord.PreCommitted;
import io.ledgerflow.pong.shard.ShardRecord.Prepared;
import io.ledgerflow.pong.shard.ShardRecord.Promised;
import io.ledgerflow.pong.zone.Rect;
import io.ledgerflow.pong.zone.Zone;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A shard as a deterministic state machine, in the manner of Kafka's {@code CoordinatorShard}: each
 * incoming message is a command that returns (records to append, messages to send); the shard's
 * durable state changes only by {@link #apply(ShardRecord) applying} records, so recovery is replaying
 * its store. The only non-durable data is the work in progress of an attempt (messages gathered in the
 * sharing phases); losing it in a crash just means the shard does not vote and the attempt is retried.
 *
 * <p>Participant rules of the three-phase commit: vote yes only after the tentative state is recorded
 * ({@link Prepared}); once it voted yes a shard never decides on its own — it waits for a coordinator,
 * and it never aborts an attempt it has pre-committed. Messages from coordinators of an epoch lower
 * than the one promised are ignored (fencing).
 */
public final class Shard {

    /** What a command produced. */
    public record Output(List<ShardRecord> records, List<Message> messages) {}

    private static final Comparator<Ball> BY_ID = Comparator.comparingInt(Ball::id);

    private final int id;
    private final int shards;
    private final Arena arena;

    // durable state: changed only by apply()
    private long lastTxn;
    private long frame;
    private Ball[] owned = new Ball[0];
    private ZoneLayout layout;
    private long promised;
    private long lastAttempt;
    private long lastVersion;
    private ShardResult lastResult;
    private Prepared pending;
    private boolean pendingPreCommitted;
    private long pendingVersion;

    // work in progress of attempts of transaction lastTxn + 1, by attempt (volatile)
    private final TreeMap<Long, Round> rounds = new TreeMap<>();
    private List<ShardRecord> emitted;
    private List<Message> sent;

    public Shard(int id, int shards, Arena arena) {
        this.id = id;
        this.shards = shards;
        this.arena = arena;
    }

    /** A shard whose state is the replay of {@code records} (the first must be a checkpoint). */
    public static Shard recover(int id, int shards, Arena arena, List<ShardRecord> records) {
        Shard s = new Shard(id, shards, arena);
        for (ShardRecord r : records) {
            s.apply(r);
        }
        return s;
    }

    /** The initial checkpoint of shard {@code id}: the balls in its zones. */
    public static Checkpoint initial(int id, ZoneLayout layout, long frame, Ball[] balls) {
        List<Ball> mine = new ArrayList<>();
        for (Ball b : balls) {
            if (layout.shardAt(b.x(), b.y()) == id) {
                mine.add(b);
            }
        }
        return new Checkpoint(0, frame, List.copyOf(mine), layout, 0, 0, 0, null);
    }

    public int id() {
        return id;
    }

    public long lastTxn() {
        return lastTxn;
    }

    public long frame() {
        return frame;
    }

    public List<Ball> owned() {
        return Collections.unmodifiableList(Arrays.asList(owned));
    }

    /** The durable state in one comparable value: the committed checkpoint plus any pending attempt. */
    public String durableState() {
        return checkpoint() + " pending=" + (pending == null ? "none" : pending.attempt() + "/" + pending.txn())
                + " preCommitted=" + pendingPreCommitted + "/" + pendingVersion;
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(lastTxn, frame, owned(), layout, promised, lastAttempt, lastVersion, lastResult);
    }

    // ---------------------------------------------------------------- state transitions

    public void apply(ShardRecord record) {
        switch (record) {
            case Checkpoint c -> {
                lastTxn = c.txn();
                frame = c.frame();
                owned = c.owned().toArray(Ball[]::new);
                layout = c.layout();
                promised = c.promisedEpoch();
                lastAttempt = c.lastAttempt();
                lastVersion = c.lastVersion();
                lastResult = c.lastResult();
                clearPending();
                rounds.clear();
            }
            case Promised p -> promised = Math.max(promised, p.epoch());
            case Prepared p -> {
                pending = p;
                pendingPreCommitted = false;
                pendingVersion = 0;
            }
            case PreCommitted p -> {
                pendingPreCommitted = true;
                pendingVersion = p.version();
            }
            case Committed c -> {
                owned = pending.tentative().toArray(Ball[]::new);
                frame = pending.frame();
                layout = pending.layout();
                lastTxn = c.txn();
                lastAttempt = c.attempt();
                lastVersion = c.version();
                lastResult = pending.result();
                clearPending();
                rounds.clear();
            }
            case Aborted a -> {
                if (pending != null && pending.txn() == a.txn() && pending.attempt() == a.attempt()) {
                    clearPending();
                }
            }
        }
    }

    private void clearPending() {
        pending = null;
        pendingPreCommitted = false;
        pendingVersion = 0;
    }

    // ---------------------------------------------------------------- commands

    public Output handle(Message m) {
        emitted = new ArrayList<>();
        sent = new ArrayList<>();
        switch (m) {
            case CanCommit c -> onCanCommit(c);
            case Exchange e -> onExchange(e);
            case Handoff h -> onHandoff(h);
            case PreCommit p -> onPreCommit(p);
            case DoCommit d -> onDoCommit(d);
            case Abort a -> onAbort(a);
            case StateRequest r -> onStateRequest(r);
            default -> {}
        }
        return new Output(List.copyOf(emitted), List.copyOf(sent));
    }

    private void emit(ShardRecord r) {
        emitted.add(r);
        apply(r);
    }

    /** False if the sender's epoch is fenced off; promises a higher epoch. */
    private boolean accept(long epoch) {
        if (epoch < promised) {
            return false;
        }
        if (epoch > promised) {
            emit(new Promised(epoch));
            rounds.headMap(epoch << 32).clear(); // attempts of older coordinators can no longer prepare
        }
        return true;
    }

    private void onCanCommit(CanCommit c) {
        if (!accept(c.epoch()) || c.txn() <= lastTxn) {
            return;
        }
        if (c.txn() > lastTxn + 1) {
            sent.add(new Vote(c.txn(), c.attempt(), c.epoch(), id, c.from(), false, null, "behind: at txn " + lastTxn));
            return;
        }
        if (pending != null) {
            if (pending.attempt() == c.attempt()) {
                sent.add(new Vote(c.txn(), c.attempt(), c.epoch(), id, c.from(), true, pending.result(), null));
                return;
            }
            if (pendingPreCommitted) {
                sent.add(new Vote(
                        c.txn(),
                        c.attempt(),
                        c.epoch(),
                        id,
                        c.from(),
                        false,
                        null,
                        "pre-committed " + pending.attempt()));
                return;
            }
            emit(new Aborted(pending.txn(), pending.attempt())); // a new attempt means the old one was aborted
        }
        rounds.headMap(c.attempt()).clear();
        Round r = rounds.computeIfAbsent(c.attempt(), a -> new Round(c.txn(), a, shards));
        if (r.request != null) {
            return; // duplicate while computing
        }
        r.request = c;
        switch (c.work()) {
            case Install install -> {
                List<Ball> mine = new ArrayList<>();
                for (Ball b : install.balls()) {
                    if (install.layout().shardAt(b.x(), b.y()) == id) {
                        mine.add(b);
                    }
                }
                prepare(r, mine, List.of(), List.of());
            }
            case Advance advance -> {
                startExchange(r, advance);
                tryAdvance(r);
            }
        }
    }

    private void startExchange(Round r, Advance advance) {
        ZoneLayout next = advance.layout();
        int margin = arena.ghostMargin();
        List<List<Ball>> transfers = new ArrayList<>();
        List<List<Ball>> ghosts = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            transfers.add(new ArrayList<>());
            ghosts.add(new ArrayList<>());
        }
        List<Ball> kept = new ArrayList<>();
        List<Ball> localGhosts = new ArrayList<>();
        Rect[] mine = ownRects(next);
        for (Ball b : owned) {
            int owner;
            long near;
            Rect home = find(mine, b.x(), b.y());
            if (home != null
                    && b.x() - margin >= home.x0()
                    && b.x() + margin < home.x1()
                    && b.y() - margin >= home.y0()
                    && b.y() + margin < home.y1()) {
                owner = id; // deep inside one of our zones: nobody else needs to see it
                near = 1L << id;
            } else {
                owner = home != null ? id : next.shardAt(b.x(), b.y());
                near = next.shardsNear(b.x(), b.y(), margin);
            }
            if (owner == id) {
                kept.add(b);
            } else {
                transfers.get(owner).add(b);
                if ((near & (1L << id)) != 0) {
                    localGhosts.add(b);
                }
            }
            near &= ~(1L << owner) & ~(1L << id);
            while (near != 0) {
                int t = Long.numberOfTrailingZeros(near);
                near &= near - 1;
                ghosts.get(t).add(b);
            }
        }
        r.kept = kept;
        r.localGhosts = localGhosts;
        for (int s = 0; s < shards; s++) {
            if (s != id) {
                sent.add(new Exchange(
                        r.txn, r.attempt, id, s, List.copyOf(transfers.get(s)), List.copyOf(ghosts.get(s))));
            }
        }
    }

    private Rect[] ownRects(ZoneLayout l) {
        return l.zones().stream().filter(z -> z.shard() == id).map(Zone::rect).toArray(Rect[]::new);
    }

    private static Rect find(Rect[] rects, int x, int y) {
        for (Rect r : rects) {
            if (r.contains(x, y)) {
                return r;
            }
        }
        return null;
    }

    private void onExchange(Exchange e) {
        Round r = round(e.txn(), e.attempt());
        if (r != null && r.exchanges[e.from()] == null) {
            r.exchanges[e.from()] = e;
            r.exchangeCount++;
            tryAdvance(r);
        }
    }

    private void onHandoff(Handoff h) {
        Round r = round(h.txn(), h.attempt());
        if (r != null && r.handoffs[h.from()] == null) {
            r.handoffs[h.from()] = h;
            r.handoffCount++;
            tryFinish(r);
        }
    }

    /** The round for a sharing-phase message, or null if the message is stale. */
    private Round round(long txn, long attempt) {
        if (txn != lastTxn + 1 || (attempt >>> 32) < promised || (!rounds.isEmpty() && attempt < rounds.firstKey())) {
            return null;
        }
        return rounds.computeIfAbsent(attempt, a -> new Round(txn, a, shards));
    }

    private void tryAdvance(Round r) {
        if (r.request == null || r.advanced || r.exchangeCount < shards - 1) {
            return;
        }
        Advance advance = (Advance) r.request.work();
        List<Ball> mine = new ArrayList<>(r.kept);
        List<Ball> seen = new ArrayList<>(r.localGhosts);
        for (Exchange e : r.exchanges) {
            if (e != null) {
                mine.addAll(e.transfers());
                seen.addAll(e.ghosts());
            }
        }
        mine.sort(BY_ID);
        Ball[] before = mine.toArray(Ball[]::new);
        Physics.Step step =
                Physics.advance(arena, advance.paddles().toArray(Paddle[]::new), before, seen.toArray(Ball[]::new));
        List<Ball> changed = new ArrayList<>();
        List<Ball> stay = new ArrayList<>();
        List<List<Ball>> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            out.add(new ArrayList<>());
        }
        Rect[] own = ownRects(advance.layout());
        for (int i = 0; i < before.length; i++) {
            Ball b = step.balls()[i];
            if (!b.equals(before[i].freeFlight())) {
                changed.add(b);
            }
            int owner = find(own, b.x(), b.y()) != null ? id : advance.layout().shardAt(b.x(), b.y());
            if (owner == id) {
                stay.add(b);
            } else {
                out.get(owner).add(b);
            }
        }
        r.advanced = true;
        r.stay = stay;
        r.changed = List.copyOf(changed);
        r.goals = List.copyOf(step.goals());
        for (int s = 0; s < shards; s++) {
            if (s != id) {
                sent.add(new Handoff(r.txn, r.attempt, id, s, List.copyOf(out.get(s))));
            }
        }
        tryFinish(r);
    }

    private void tryFinish(Round r) {
        if (!r.advanced || r.prepared || r.handoffCount < shards - 1) {
            return;
        }
        List<Ball> next = new ArrayList<>(r.stay);
        for (Handoff h : r.handoffs) {
            if (h != null) {
                next.addAll(h.balls());
            }
        }
        next.sort(BY_ID);
        prepare(r, next, r.changed, r.goals);
    }

    private void prepare(
            Round r, List<Ball> tentative, List<Ball> changed, List<io.ledgerflow.pong.physics.Goal> goals) {
        r.prepared = true;
        if (pending != null) {
            return; // another attempt was prepared meanwhile; this one is stale
        }
        long digest = 0;
        for (Ball b : tentative) {
            digest += b.hash();
        }
        ShardResult result = new ShardResult(digest, tentative.size(), changed, goals);
        CanCommit c = r.request;
        emit(new Prepared(
                r.txn,
                r.attempt,
                c.work().frame(),
                List.copyOf(tentative),
                c.work().layout(),
                result));
        sent.add(new Vote(r.txn, r.attempt, c.epoch(), id, c.from(), true, result, null));
    }

    private void onPreCommit(PreCommit p) {
        if (!accept(p.epoch())) {
            return;
        }
        if (pending != null && pending.txn() == p.txn() && pending.attempt() == p.attempt()) {
            if (!pendingPreCommitted) {
                emit(new PreCommitted(p.txn(), p.attempt(), p.version()));
            }
            sent.add(new PreCommitAck(p.txn(), p.attempt(), p.epoch(), id, p.from()));
        } else if (lastTxn == p.txn() && lastAttempt == p.attempt()) {
            sent.add(new PreCommitAck(p.txn(), p.attempt(), p.epoch(), id, p.from()));
        }
    }

    private void onDoCommit(DoCommit d) {
        if (!accept(d.epoch())) {
            return;
        }
        if (lastTxn >= d.txn()) {
            if (lastTxn == d.txn() && lastAttempt != d.attempt()) {
                throw new IllegalStateException("shard " + id + " committed attempt " + lastAttempt + " of txn "
                        + lastTxn + " but is told to commit " + d.attempt());
            }
            if (lastTxn == d.txn()) {
                sent.add(new CommitAck(d.txn(), d.attempt(), d.epoch(), id, d.from()));
            }
            return;
        }
        if (pending != null && pending.txn() == d.txn() && pending.attempt() == d.attempt()) {
            emit(new Committed(d.txn(), d.attempt(), d.version()));
            sent.add(new CommitAck(d.txn(), d.attempt(), d.epoch(), id, d.from()));
        }
    }

    private void onAbort(Abort a) {
        if (!accept(a.epoch())) {
            return;
        }
        rounds.remove(a.attempt());
        if (pending != null && pending.txn() == a.txn() && pending.attempt() == a.attempt()) {
            if (pendingPreCommitted) {
                throw new IllegalStateException("shard " + id + " told to abort pre-committed attempt " + a.attempt());
            }
            emit(new Aborted(a.txn(), a.attempt()));
        }
    }

    private void onStateRequest(StateRequest r) {
        if (!accept(r.epoch())) {
            return;
        }
        StateReport report;
        if (lastTxn >= r.txn()) {
            report = new StateReport(
                    r.txn(), r.epoch(), id, r.from(), Phase.COMMITTED, lastAttempt, lastVersion, lastResult);
        } else if (pending != null && pending.txn() == r.txn()) {
            report = new StateReport(
                    r.txn(),
                    r.epoch(),
                    id,
                    r.from(),
                    pendingPreCommitted ? Phase.PRE_COMMITTED : Phase.READY,
                    pending.attempt(),
                    pendingVersion,
                    pending.result());
        } else {
            report = new StateReport(r.txn(), r.epoch(), id, r.from(), Phase.NONE, 0, 0, null);
        }
        sent.add(report);
    }

    /** Work in progress of one attempt. */
    private static final class Round {
        final long txn;
        final long attempt;
        final Exchange[] exchanges;
        final Handoff[] handoffs;
        int exchangeCount;
        int handoffCount;
        CanCommit request;
        List<Ball> kept;
        List<Ball> localGhosts;
        boolean advanced;
        List<Ball> stay;
        List<Ball> changed;
        List<io.ledgerflow.pong.physics.Goal> goals;
        boolean prepared;

        Round(long txn, long attempt, int shards) {
            this.txn = txn;
            this.attempt = attempt;
            this.exchanges = new Exchange[shards];
            this.handoffs = new Handoff[shards];
        }
    }
}
