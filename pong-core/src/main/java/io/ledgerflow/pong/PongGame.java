package io.ledgerflow.pong;

import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.EventLoop;
import io.ledgerflow.pong.commit.LaneHelpers;
import io.ledgerflow.pong.commit.Message.Advance;
import io.ledgerflow.pong.commit.Message.Install;
import io.ledgerflow.pong.commit.SimulatedNetwork;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.game.Paddles;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.log.FrameLog;
import io.ledgerflow.pong.log.LogEntry.Correction;
import io.ledgerflow.pong.log.LogEntry.FrameCommitted;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.pong.shard.InProcessCluster;
import io.ledgerflow.pong.shard.RealTimeCluster;
import io.ledgerflow.pong.shard.ShardCluster;
import io.ledgerflow.pong.warp.InputResult;
import io.ledgerflow.pong.warp.TimeWarp;
import io.ledgerflow.pong.zone.Rebalancer;
import io.ledgerflow.pong.zone.ZoneLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One game: the entry point for the service. Single-threaded — call it from one thread (the game's
 * tick loop) or guard it.
 *
 * <ul>
 *   <li>{@link #create} — a new game; logs a {@link Snapshot} of frame 0.
 *   <li>{@link #submit} — an input from a player, for the frame the client made it for.
 *   <li>{@link #nextFrame} — advances one frame through the shards with a three-phase commit and appends
 *       {@link FrameCommitted} (and a {@link Snapshot} every {@link GameConfig#snapshotEvery()} frames).
 *   <li>Readers (clients, a new replica) use {@link io.ledgerflow.pong.log.GameReplica#join}.
 * </ul>
 */
public final class PongGame {

    /** What {@link #nextFrame} did. */
    public sealed interface FrameOutcome {
        record Committed(FrameCommitted entry) implements FrameOutcome {}

        /** The shards could not commit the frame (all attempts aborted); state unchanged, call again. */
        record Failed(long frame, String reason) implements FrameOutcome {}
    }

    /** Engine options. {@code rebalanceEvery}: frames between zone split/merge decisions (0 = never). */
    public record Options(int shards, int rebalanceEvery, int maxInputAhead, Coordinator.Options commit) {
        public static Options shards(int shards) {
            return new Options(shards, 60, 600, Coordinator.Options.DEFAULT);
        }

        public Options withRebalanceEvery(int frames) {
            return new Options(shards, frames, maxInputAhead, commit);
        }

        public Options withCommit(Coordinator.Options commit) {
            return new Options(shards, rebalanceEvery, maxInputAhead, commit);
        }
    }

    private final GameConfig config;
    private final Options options;
    private final FrameLog log;
    private final ShardCluster cluster;
    private final TimeWarp warp;
    private ZoneLayout layout;

    private PongGame(
            GameConfig config,
            Options options,
            FrameLog log,
            GameState start,
            ZoneLayout layout,
            ShardCluster cluster) {
        this.config = config;
        this.options = options;
        this.log = log;
        this.layout = layout;
        this.cluster = cluster;
        this.warp = new TimeWarp(config, start, options.maxInputAhead());
    }

    /** A new game over an in-process cluster with a fault-free network. */
    public static PongGame create(GameConfig config, Options options, FrameLog log) {
        EventLoop loop = new EventLoop();
        return create(config, options, log, loop, new SimulatedNetwork(loop));
    }

    /**
     * A new game whose shards run on several cores where they can, with {@code helpers} (see {@link EventLoop}): the
     * same frames, bit for bit, as on one thread.
     */
    public static PongGame create(GameConfig config, Options options, FrameLog log, LaneHelpers helpers) {
        EventLoop loop = new EventLoop(helpers);
        return create(config, options, log, loop, new SimulatedNetwork(loop));
    }

    /** A new game whose shards talk over {@code network} (tests inject faults there). */
    public static PongGame create(
            GameConfig config, Options options, FrameLog log, EventLoop loop, SimulatedNetwork network) {
        GameState start = GameState.initial(config);
        ZoneLayout layout = ZoneLayout.initial(config.arena(), options.shards());
        InProcessCluster cluster =
                new InProcessCluster(config.arena(), layout, 0, start.balls(), loop, network, options.commit());
        PongGame game = new PongGame(config, options, log, start, layout, cluster);
        log.append(game.snapshot());
        return game;
    }

    /**
     * A new game whose shards run elsewhere, e.g. on other processes over a real transport ({@link RealTimeCluster}).
     * {@code cluster} gets the initial zone layout; its shards start empty at frame 0, and the game's first transaction
     * installs the initial balls. Logs a {@link Snapshot} of frame 0.
     */
    public static PongGame overCluster(
            GameConfig config, Options options, FrameLog log, Function<ZoneLayout, ShardCluster> cluster) {
        PongGame game = installed(
                config,
                options,
                log,
                GameState.initial(config),
                ZoneLayout.initial(config.arena(), options.shards()),
                cluster);
        log.append(game.snapshot());
        return game;
    }

    /**
     * Resumes a game from a snapshot over shards elsewhere: they start empty at {@code snapshot.frame()} under the
     * layout {@code cluster} gets, and the first transaction installs the snapshot's balls. Appends nothing.
     */
    public static PongGame resumeOverCluster(
            Snapshot snapshot, Options options, FrameLog log, Function<ZoneLayout, ShardCluster> cluster) {
        return installed(snapshot.config(), options, log, stateOf(snapshot), layoutOf(snapshot, options), cluster);
    }

    private static PongGame installed(
            GameConfig config,
            Options options,
            FrameLog log,
            GameState start,
            ZoneLayout layout,
            Function<ZoneLayout, ShardCluster> cluster) {
        ShardCluster shards = cluster.apply(layout);
        ShardCluster.Result installed = shards.run(new Install(start.frame(), List.of(start.balls()), layout));
        if (!installed.committed()) {
            throw new IllegalStateException("the shards did not take the state: " + installed.failure());
        }
        return new PongGame(config, options, log, start, layout, shards);
    }

    /**
     * Resumes a game from a snapshot (e.g. the latest one in the log, after the service restarted): the
     * shards start from the snapshot's state and zones. Appends nothing; frames continue after
     * {@code snapshot.frame()}.
     */
    public static PongGame resume(
            Snapshot snapshot, Options options, FrameLog log, EventLoop loop, SimulatedNetwork network) {
        GameConfig config = snapshot.config();
        GameState start = stateOf(snapshot);
        ZoneLayout layout = layoutOf(snapshot, options);
        InProcessCluster cluster = new InProcessCluster(
                config.arena(), layout, start.frame(), start.balls(), loop, network, options.commit());
        return new PongGame(config, options, log, start, layout, cluster);
    }

    private static GameState stateOf(Snapshot snapshot) {
        GameState state = new GameState(
                snapshot.frame(),
                snapshot.balls().toArray(Ball[]::new),
                snapshot.paddles().toArray(Paddle[]::new),
                snapshot.scores().stream().mapToInt(Integer::intValue).toArray());
        if (state.hash() != snapshot.stateHash()) {
            throw new IllegalArgumentException("snapshot does not match its state hash");
        }
        return state;
    }

    private static ZoneLayout layoutOf(Snapshot snapshot, Options options) {
        return snapshot.shards() == options.shards()
                ? new ZoneLayout(0, snapshot.shards(), snapshot.zones())
                : ZoneLayout.initial(snapshot.config().arena(), options.shards());
    }

    public GameConfig config() {
        return config;
    }

    public Options options() {
        return options;
    }

    public GameState state() {
        return warp.head();
    }

    public long frame() {
        return warp.head().frame();
    }

    public long stateHash() {
        return warp.head().hash();
    }

    public ZoneLayout layout() {
        return layout;
    }

    /** The in-process cluster the game runs on (tests look inside it); not for a game over {@link #overCluster}. */
    public InProcessCluster cluster() {
        if (cluster instanceof InProcessCluster inProcess) {
            return inProcess;
        }
        throw new IllegalStateException("this game's shards are not in this process");
    }

    /** Takes one input. */
    public InputResult submit(Input input) {
        return submitAll(List.of(input)).getFirst();
    }

    /**
     * Takes a batch of inputs; late ones in the window cause a single rollback to the earliest of their
     * frames and one {@link Correction}.
     */
    public List<InputResult> submitAll(List<Input> inputs) {
        List<InputResult> results = new ArrayList<>();
        List<Input> late = new ArrayList<>();
        List<Input> replaced = new ArrayList<>();
        long head = frame();
        long from = Long.MAX_VALUE;
        for (Input in : inputs) {
            Optional<InputResult.Refused> refusal = warp.refusal(in);
            if (refusal.isPresent()) {
                results.add(refusal.get());
                continue;
            }
            Input previous = warp.book().get(in.player(), in.frame());
            if (!warp.record(in)) {
                results.add(new InputResult.Duplicate(in));
            } else if (in.frame() > head) {
                results.add(new InputResult.Accepted(in));
            } else {
                late.add(in);
                replaced.add(previous);
                from = Math.min(from, in.frame());
                results.add(null); // filled below
            }
        }
        if (late.isEmpty()) {
            return results;
        }
        List<GameState> corrected = warp.resimulate(from);
        GameState before = warp.head();
        GameState after = corrected.getLast();
        ShardCluster.Result r = cluster.run(new Install(head, List.of(after.balls()), layout));
        InputResult[] fill = new InputResult[late.size()];
        if (r.committed()) {
            warp.adopt(from, corrected);
            log.append(new Correction(
                    head,
                    from,
                    List.copyOf(late),
                    GameState.diff(before.balls(), after.balls()),
                    List.of(after.paddles()),
                    scores(after.scores()),
                    after.hash()));
            for (int i = 0; i < late.size(); i++) {
                fill[i] = new InputResult.Corrected(late.get(i), from, head);
            }
        } else {
            for (int i = late.size() - 1; i >= 0; i--) {
                warp.forget(late.get(i), replaced.get(i));
            }
            for (int i = 0; i < late.size(); i++) {
                fill[i] = new InputResult.Refused(late.get(i), InputResult.Reason.NOT_COMMITTED, r.failure());
            }
        }
        int k = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                results.set(i, fill[k++]);
            }
        }
        return results;
    }

    /** Advances one frame through the shards (three-phase commit) and logs it. */
    public FrameOutcome nextFrame() {
        GameState head = warp.head();
        long f = head.frame() + 1;
        List<Input> inputs = warp.inputsFor(f);
        Paddle[] paddles = Paddles.advance(config.arena(), head.paddles(), inputs);
        ZoneLayout next = layout;
        if (options.rebalanceEvery() > 0 && f % options.rebalanceEvery() == 0) {
            next = Rebalancer.rebalance(layout, head.balls(), 2 * config.arena().ghostMargin());
        }
        ShardCluster.Result r = cluster.run(new Advance(f, List.of(paddles), next));
        if (!r.committed()) {
            return new FrameOutcome.Failed(f, r.failure());
        }
        Coordinator.Outcome o = r.outcome();
        Ball[] balls = GameState.applyDelta(head.balls(), o.changed());
        long ballHashSum = GameState.ballHashSum(balls);
        if (o.balls() != balls.length || ballHashSum != o.digest()) {
            throw new IllegalStateException("frame " + f + ": shards' digest does not match the merged delta");
        }
        GameState state = new GameState(f, balls, paddles, Stepper.score(head.scores(), o.goals()));
        long stateHash = GameState.hash(f, ballHashSum, paddles, state.scores());
        warp.push(state);
        FrameCommitted entry = new FrameCommitted(
                f,
                o.txn(),
                o.attempt(),
                o.version(),
                inputs,
                List.of(paddles),
                o.goals(),
                o.changed(),
                next == layout ? List.of() : next.zones(),
                stateHash);
        layout = next;
        log.append(entry);
        if (f % config.snapshotEvery() == 0) {
            log.append(snapshot());
        }
        return new FrameOutcome.Committed(entry);
    }

    /** The current state as a snapshot entry (not appended). */
    public Snapshot snapshot() {
        GameState s = warp.head();
        return new Snapshot(
                s.frame(),
                config,
                List.of(s.balls()),
                List.of(s.paddles()),
                scores(s.scores()),
                layout.zones(),
                layout.shards(),
                s.hash());
    }

    static List<Integer> scores(int[] scores) {
        return Arrays.stream(scores).boxed().toList();
    }
}
