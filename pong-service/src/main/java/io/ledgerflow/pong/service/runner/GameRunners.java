package io.ledgerflow.pong.service.runner;

import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.commit.EventLoop;
import io.ledgerflow.pong.commit.LaneHelpers;
import io.ledgerflow.pong.commit.SimulatedNetwork;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import io.ledgerflow.pong.service.shards.DistributedShards;
import io.ledgerflow.pong.warp.InputResult;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.LimitExceededException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live games of this instance: one pong-core {@link PongGame} per game, stepped (3PC across its
 * in-process shards) at a fixed tick on one scheduler thread per game.
 *
 * <p>Every log entry (Snapshot of frame 0, FrameCommitted, Correction, periodic Snapshot) stays in
 * pong-core's in-memory log and is shipped to {@link PongTopics#FRAMES} by {@link FrameShipper}.
 * Each snapshot (every {@code pong.snapshot-every-frames}) is also stored by {@link SnapshotStore}; {@code
 * game.GameResumer} resumes every game not ended from it when the service starts.
 */
@Component
public class GameRunners {

    private static final Logger log = LoggerFactory.getLogger(GameRunners.class);

    /** What a client may read of a running game; {@code paused}: no client watched it for a while, so it is not stepped. */
    public record Live(long frame, long stateHash, int shards, boolean paused) {}

    /** How a game ended: where its simulation stopped. */
    public record Ended(UUID gameId, long frame, long stateHash) {}

    /**
     * Who watches a game (a stream client): gets each new entry on the game's thread, then {@link #ended} if the game
     * is ended while watched. A game nobody watches for {@code pong.idle-pause} is paused until someone does.
     */
    public interface Watcher extends Consumer<FrameMessage> {
        void ended(Ended ended);
    }

    /** An input waiting for the game's next tick, and where its result goes. */
    private record PendingInput(Input input, Consumer<InputResult> reply) {}

    private final class Runner {
        private final UUID id;
        private final Queue<PendingInput> inputs = new ConcurrentLinkedQueue<>();
        private final ShippingFrameLog frames;
        private final String workspace;
        private final int balls;
        private final ScheduledExecutorService thread;
        // replaced when the game's shards move to other hosts (remote placement); guarded by this
        private PongGame game;
        private int generation;
        private int failedInARow;
        // idle pause; guarded by this
        private final Set<Watcher> watchers = new HashSet<>();
        private ScheduledFuture<?> ticks;
        private boolean paused;
        private long idleSince = System.nanoTime();

        Runner(UUID id, String workspace, int balls, PongGame game, ShippingFrameLog frames) {
            this.id = id;
            this.workspace = workspace;
            this.balls = balls;
            this.game = game;
            this.frames = frames;
            this.thread = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("pong-game-" + id).daemon().unstarted(r));
            synchronized (this) {
                this.ticks = thread.scheduleAtFixedRate(this::tick, 0, tickNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void tick() {
            try {
                synchronized (this) {
                    takeInputs();
                    long start = System.nanoTime();
                    PongGame.FrameOutcome outcome = frameTracing.commit(id, game::nextFrame);
                    if (outcome instanceof PongGame.FrameOutcome.Committed) {
                        frameCommit.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        failedInARow = 0;
                    } else {
                        framesFailed.increment(); // retried at the next tick
                        if (++failedInARow >= 2 && shards.remote()) {
                            replace();
                        }
                    }
                    pauseIfIdle();
                }
            } catch (RuntimeException e) {
                log.warn("frame failed in {}", Thread.currentThread().getName(), e);
            }
        }

        /**
         * The inputs that arrived since the last tick, as one batch: late ones roll the game back once, to the
         * earliest of their frames, and log one correction.
         */
        private void takeInputs() {
            if (inputs.isEmpty()) {
                return;
            }
            List<PendingInput> batch = new ArrayList<>();
            for (PendingInput pending = inputs.poll(); pending != null; pending = inputs.poll()) {
                batch.add(pending);
            }
            List<InputResult> results =
                    game.submitAll(batch.stream().map(PendingInput::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                InputResult result = results.get(i);
                inputs(result).increment();
                batch.get(i).reply().accept(result);
            }
        }

        /**
         * The game's shards stopped answering (a host died): the game goes on from its current state on shards placed
         * on the hosts alive now, under a new placement key, so the old shards' late messages reach nobody.
         */
        private void replace() {
            Snapshot head = game.snapshot();
            shards.release(placementKey(id, generation));
            game = resumed(id, generation + 1, head, game.options(), frames);
            generation++;
            failedInARow = 0;
            frames.append(game.snapshot());
            log.info("game {}: shards placed again at frame {} ({})", id, head.frame(), placementKey(id, generation));
        }

        /**
         * No watcher for {@code idlePause}: the ticks stop (no simulation CPU) until a watcher comes. Inputs come only
         * from watchers, so nothing waits meanwhile.
         */
        private void pauseIfIdle() {
            if (!paused && watchers.isEmpty() && System.nanoTime() - idleSince >= idlePauseNanos) {
                paused = true;
                ticks.cancel(false);
                log.info("game {} paused at frame {}: no client for {}", id, game.frame(), idlePause);
            }
        }

        /** The latest snapshot and the entries after it; then every new entry goes to the watcher. */
        synchronized List<FrameMessage> subscribe(Watcher watcher) {
            List<FrameMessage> backlog = frames.messages(Math.max(0, frames.latestSnapshotOffset()));
            frames.listen(watcher);
            watchers.add(watcher);
            if (paused && !thread.isShutdown()) {
                paused = false;
                ticks = thread.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
                log.info("game {} resumed at frame {}: a client connected", id, game.frame());
            }
            return backlog;
        }

        synchronized void unsubscribe(Watcher watcher) {
            frames.unlisten(watcher);
            if (watchers.remove(watcher) && watchers.isEmpty()) {
                idleSince = System.nanoTime();
            }
        }

        synchronized Live live() {
            return new Live(game.frame(), game.stateHash(), game.layout().shards(), paused);
        }

        /** Stops for good and tells every watcher where the game ended; returns that. */
        Ended end() {
            stop();
            Ended ended;
            List<Watcher> told;
            synchronized (this) {
                ended = new Ended(id, game.frame(), game.stateHash());
                told = List.copyOf(watchers);
                watchers.forEach(frames::unlisten);
                watchers.clear();
            }
            told.forEach(watcher -> watcher.ended(ended));
            return ended;
        }

        void stop() {
            // not under the game's lock: a tick holds it while it waits (for shard hosts, for the broker), and is
            // interrupted here; no tick starts after
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                try {
                    shards.release(placementKey(id, generation));
                } catch (RuntimeException e) {
                    // the broker is gone (shutting down with it): the hosts lose these shards when they stop too
                    log.warn("game {}: shards not released: {}", id, e.toString());
                }
            }
        }
    }

    private final ConcurrentHashMap<UUID, Runner> runners = new ConcurrentHashMap<>();
    private final long tickNanos;
    private final int snapshotEvery;
    private final Duration idlePause;
    private final long idlePauseNanos;
    private final long ballBudget;
    /** Balls of the games running here plus those reserved for games being created; guarded by {@link #budget}. */
    private long ballsHeld;

    private final Object budget = new Object();

    private final FrameShipper shipper;
    private final SnapshotStore snapshots;
    private final DistributedShards shards;
    private final MeterRegistry meters;
    private final Timer frameCommit;
    private final FrameTracing frameTracing;
    private final Counter framesFailed;
    /** Helper threads the shards of every game share (pong-core's parallel lanes); null: each game on its thread. */
    private final LaneHelpers shardHelpers;

    GameRunners(
            FrameShipper shipper,
            SnapshotStore snapshots,
            DistributedShards shards,
            MeterRegistry meters,
            FrameTracing frameTracing,
            @Value("${pong.tick-hz:30}") int tickHz,
            @Value("${pong.snapshot-every-frames:120}") int snapshotEvery,
            @Value("${pong.shard-helper-threads:0}") int shardHelperThreads,
            @Value("${pong.idle-pause:5m}") Duration idlePause,
            @Value("${pong.limits.instance-balls:200000}") long ballBudget) {
        this.shipper = shipper;
        this.snapshots = snapshots;
        this.shards = shards;
        this.meters = meters;
        this.frameTracing = frameTracing;
        this.frameCommit = Timer.builder("pong.frame.commit")
                .description("A frame of a game: three-phase commit across its shards, merge and log append")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.framesFailed = Counter.builder("pong.frames.failed")
                .description("Frames whose commit was aborted (the game retries at its next tick)")
                .register(meters);
        Gauge.builder("pong.games.running", runners, Map::size)
                .description("Games stepped by this instance")
                .register(meters);
        int helpers = shardHelperThreads < 0 ? Runtime.getRuntime().availableProcessors() - 1 : shardHelperThreads;
        this.shardHelpers = helpers <= 0 ? null : LaneHelpers.start(helpers);
        if (tickHz < 1 || tickHz > 1000) {
            throw new IllegalArgumentException("pong.tick-hz must be 1..1000, was " + tickHz);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("pong.snapshot-every-frames must be at least 1, was " + snapshotEvery);
        }
        if (idlePause.isNegative() || idlePause.isZero()) {
            throw new IllegalArgumentException("pong.idle-pause must be positive, was " + idlePause);
        }
        this.tickNanos = 1_000_000_000L / tickHz;
        this.snapshotEvery = snapshotEvery;
        this.idlePause = idlePause;
        this.idlePauseNanos = idlePause.toNanos();
        if (ballBudget < 1) {
            throw new IllegalArgumentException("pong.limits.instance-balls must be at least 1, was " + ballBudget);
        }
        this.ballBudget = ballBudget;
        Gauge.builder("pong.balls.held", this, runners -> runners.ballsHeld())
                .description("Balls of the games this instance runs (and reserved for games being created)")
                .register(meters);
    }

    /**
     * A share of this instance's ball budget ({@code pong.limits.instance-balls}), taken for a game about to be created
     * and handed to {@link #start}; {@link #close} gives it back if the game was not started.
     */
    public final class Reservation implements AutoCloseable {
        private final int balls;
        private boolean used;

        private Reservation(int balls) {
            this.balls = balls;
        }

        @Override
        public void close() {
            synchronized (budget) {
                if (!used) {
                    used = true;
                    ballsHeld -= balls;
                }
            }
        }
    }

    /**
     * Reserves {@code balls} of the instance's ball budget for a new game: 422 when they exceed the whole budget (the
     * game could never run here), 429 when they do not fit in what the running games leave.
     */
    public Reservation reserve(int balls) {
        if (balls > ballBudget) {
            throw new InvalidInputException(
                    "balls", "a game of " + balls + " balls exceeds this instance's ball budget of " + ballBudget);
        }
        synchronized (budget) {
            if (ballsHeld + balls > ballBudget) {
                throw new LimitExceededException("a game of " + balls + " balls does not fit: running games hold "
                        + ballsHeld + " of this instance's " + ballBudget + " balls; end one (DELETE) first");
            }
            ballsHeld += balls;
            return new Reservation(balls);
        }
    }

    private long ballsHeld() {
        synchronized (budget) {
            return ballsHeld;
        }
    }

    private void hold(int balls) {
        synchronized (budget) {
            ballsHeld += balls;
        }
    }

    private Counter inputs(InputResult result) {
        String name = switch (result) {
            case InputResult.Accepted a -> "accepted";
            case InputResult.Duplicate d -> "duplicate";
            case InputResult.Corrected c -> "corrected";
            case InputResult.Refused r -> "refused";
        };
        return Counter.builder("pong.inputs")
                .description("Players' inputs by what became of them")
                .tag("result", name)
                .register(meters);
    }

    /** Where a game's shards are placed, per placement of the game (a new one each time they move). */
    private static String placementKey(UUID game, int generation) {
        return game + "#" + generation;
    }

    /**
     * Starts stepping a new game from frame 0 with the balls {@code reservation} holds (see {@link #reserve}). The seed
     * is derived from the game id.
     */
    public void start(UUID id, String workspace, int players, int balls, int shards, Reservation reservation) {
        synchronized (budget) {
            if (reservation.used || reservation.balls != balls) {
                throw new IllegalArgumentException("the reservation is not for this game's " + balls + " balls");
            }
        }
        run(id, workspace, players, balls, shards); // if it throws, the reservation is given back by its close
        synchronized (budget) {
            reservation.used = true; // the runner holds them now
        }
    }

    /**
     * Starts stepping a game from frame 0 (idempotent) whatever the budget: a game that was admitted before, e.g. after
     * this service restarted. The seed is derived from the game id.
     */
    public void start(UUID id, String workspace, int players, int balls, int shards) {
        hold(balls);
        if (!run(id, workspace, players, balls, shards)) {
            hold(-balls);
        }
    }

    /** Whether the game was started now (false: it ran already). */
    private boolean run(UUID id, String workspace, int players, int balls, int shards) {
        boolean[] started = {false};
        runners.computeIfAbsent(id, key -> {
            started[0] = true;
            GameConfig config = GameConfig.of(
                            players, balls, key.getMostSignificantBits() ^ key.getLeastSignificantBits())
                    .withSnapshotEvery(snapshotEvery);
            ShippingFrameLog frames = new ShippingFrameLog(key, shipper, snapshots);
            PongGame.Options options = PongGame.Options.shards(shards);
            PongGame game;
            if (this.shards.remote()) {
                game = PongGame.overCluster(
                        config,
                        options,
                        frames,
                        layout -> this.shards.cluster(placementKey(key, 0), config.arena(), layout, 0));
            } else {
                EventLoop loop = new EventLoop(shardHelpers);
                game = PongGame.create(config, options, frames, loop, new SimulatedNetwork(loop));
            }
            return new Runner(key, workspace, balls, game, frames);
        });
        return started[0];
    }

    /**
     * Starts stepping a game again from {@code snapshot} (idempotent), e.g. after this service restarted. The snapshot
     * is appended again first, so the frames topic and every stream show where the game picks up: entries logged
     * after it before the restart are superseded by the ones that follow.
     */
    public void resume(UUID id, String workspace, int shards, Snapshot snapshot) {
        runners.computeIfAbsent(id, key -> {
            ShippingFrameLog frames = new ShippingFrameLog(key, shipper, snapshots);
            PongGame game = resumed(key, 0, snapshot, PongGame.Options.shards(shards), frames);
            frames.append(game.snapshot());
            hold(snapshot.balls().size());
            return new Runner(key, workspace, snapshot.balls().size(), game, frames);
        });
    }

    /**
     * The game going on from {@code snapshot}: over shards placed under placement {@code generation} (remote
     * placement), or in process. Appends nothing.
     */
    private PongGame resumed(
            UUID id, int generation, Snapshot snapshot, PongGame.Options options, ShippingFrameLog frames) {
        if (shards.remote()) {
            String key = placementKey(id, generation);
            return PongGame.resumeOverCluster(
                    snapshot,
                    options,
                    frames,
                    layout -> shards.cluster(key, snapshot.config().arena(), layout, snapshot.frame()));
        }
        EventLoop loop = new EventLoop(shardHelpers);
        return PongGame.resume(snapshot, options, frames, loop, new SimulatedNetwork(loop));
    }

    /**
     * Ends a game in this instance: it is no longer stepped, and its watchers are told where it ended (the frame and
     * state hash), which this returns. Empty when it does not run here.
     */
    public Optional<Ended> end(UUID id) {
        Runner runner = runners.remove(id);
        if (runner == null) {
            return Optional.empty();
        }
        Ended ended = runner.end();
        hold(-runner.balls);
        return Optional.of(ended);
    }

    /** Stops stepping a game in this instance; it stays in the database and resumes from its latest snapshot. */
    public void stop(UUID id) {
        Runner runner = runners.remove(id);
        if (runner != null) {
            runner.stop();
            hold(-runner.balls);
        }
    }

    /**
     * Queues a player's input for the game's next tick; {@code reply} gets its result on the game's thread (it must
     * not block). False when the game does not run in this instance.
     */
    public boolean submit(UUID id, Input input, Consumer<InputResult> reply) {
        Runner runner = runners.get(id);
        if (runner == null) {
            return false;
        }
        runner.inputs.add(new PendingInput(input, reply));
        return true;
    }

    /** The live view of a game running in this instance, if it runs here. */
    public Optional<Live> live(UUID id) {
        return Optional.ofNullable(runners.get(id)).map(Runner::live);
    }

    /**
     * Subscribes to a game of {@code workspace} running here (resuming it if it was paused): returns the latest snapshot
     * and the entries after it, then calls {@code watcher} with every new entry on the game's thread (it must not
     * block).
     */
    public Optional<List<FrameMessage>> subscribe(String workspace, UUID id, Watcher watcher) {
        return Optional.ofNullable(runners.get(id))
                .filter(runner -> runner.workspace.equals(workspace))
                .map(runner -> runner.subscribe(watcher));
    }

    public void unsubscribe(UUID id, Watcher watcher) {
        Runner runner = runners.get(id);
        if (runner != null) {
            runner.unsubscribe(watcher);
        }
    }

    @PreDestroy
    void stopAll() {
        runners.values().forEach(Runner::stop);
        runners.clear();
        if (shardHelpers != null) {
            shardHelpers.close();
        }
    }
}
