package io.ledgerflow.pong.bench;

import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.commit.LaneHelpers;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.log.GameReplica;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.warp.InputResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark harness (not a test: run by hand, see docs/benchmarks.md "## Pong"). Prints markdown tables.
 *
 * <pre>
 *   ./mvnw -B -ntp -q -pl pong-core test-compile
 *   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx4g \
 *     -cp pong-core/target/classes:pong-core/target/test-classes io.ledgerflow.pong.bench.PongBench [quick]
 * </pre>
 */
public final class PongBench {
    static final int PLAYERS = 64;

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("quick");
        if (args.length > 0 && args[0].equals("parallel")) {
            parallel();
            return;
        }
        if (args.length > 0 && args[0].equals("profile")) {
            PongGame game = PongGame.create(
                    GameConfig.of(PLAYERS, 10_000, 1), PongGame.Options.shards(8), new InMemoryFrameLog());
            double[] t = frames(game, 300, 900);
            System.out.printf(Locale.ROOT, "10k/8: p50 %.2f ms p99 %.2f ms%n", pct(t, 50), pct(t, 99));
            return;
        }
        System.out.printf(
                "java %s, %d cores, %s%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"));
        scaling(quick);
        sustained(quick ? 120 : 600, null);
        rollback();
        join();
    }

    /** Frame-commit latency and throughput against balls and shards; baseline: reference step, no shards. */
    static void scaling(boolean quick) {
        System.out.println("| balls | shards | fps (unpaced) | p50 commit ms | p99 commit ms | p50 CPU ms | p99 CPU ms"
                + " | p50 vs reference step |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int balls : new int[] {1_000, 10_000, 50_000}) {
            int frames = quick ? 60 : balls >= 50_000 ? 200 : 600;
            int warm = frames / 3;
            GameConfig config = GameConfig.of(PLAYERS, balls, 1);
            double[] ref = referenceStep(config, warm, frames);
            for (int shards : new int[] {1, 2, 4, 8}) {
                PongGame game = PongGame.create(config, PongGame.Options.shards(shards), new InMemoryFrameLog());
                double[] t = frames(game, warm, frames);
                System.out.printf(
                        Locale.ROOT,
                        "| %,d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2fx |%n",
                        balls,
                        shards,
                        1000.0 / mean(t),
                        pct(t, 50),
                        pct(t, 99),
                        pct(lastCpu, 50),
                        pct(lastCpu, 99),
                        pct(t, 50) / pct(ref, 50));
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | reference | %.0f | %.2f | %.2f | | | 1.00x |%n",
                    balls,
                    1000.0 / mean(ref),
                    pct(ref, 50),
                    pct(ref, 99));
        }
        System.out.println();
    }

    static double[] referenceStep(GameConfig config, int warm, int frames) {
        GameState s = GameState.initial(config);
        double[] t = new double[frames];
        for (int i = -warm; i < frames; i++) {
            long t0 = System.nanoTime();
            s = Stepper.step(config, s, List.of()).state();
            if (i >= 0) {
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return t;
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU time of the calling thread per frame of the last {@link #frames} call (insensitive to other load). */
    static double[] lastCpu = new double[0];

    static double[] frames(PongGame game, int warm, int frames) {
        double[] t = new double[frames];
        double[] cpu = new double[frames];
        for (int i = -warm; i < frames; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            if (!(game.nextFrame() instanceof PongGame.FrameOutcome.Committed)) {
                throw new IllegalStateException("frame failed");
            }
            if (i >= 0) {
                t[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        lastCpu = cpu;
        return t;
    }

    /**
     * Shards on one thread against shards on all cores ({@link io.ledgerflow.pong.commit.EventLoop} lanes), in the
     * same run, alternating blocks of 50 frames so both see the same machine; then the sustained 60 Hz run on all
     * cores.
     */
    static void parallel() {
        int cores = Runtime.getRuntime().availableProcessors();
        LaneHelpers pool = LaneHelpers.start(Math.max(1, cores - 1));
        System.out.printf(
                "java %s, %d cores; parallel = the game's thread + %d lane helpers%n%n",
                System.getProperty("java.version"), cores, Math.max(1, cores - 1));
        System.out.println("| balls | shards | one thread: fps | p50 ms | p99 ms | parallel: fps | p50 ms | p99 ms"
                + " | p50 one thread ÷ parallel |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int balls : new int[] {10_000, 50_000}) {
            GameConfig config = GameConfig.of(PLAYERS, balls, 1);
            int blocks = balls >= 50_000 ? 4 : 12;
            for (int shards : new int[] {2, 4, 8}) {
                PongGame one = PongGame.create(config, PongGame.Options.shards(shards), new InMemoryFrameLog());
                PongGame many = PongGame.create(config, PongGame.Options.shards(shards), new InMemoryFrameLog(), pool);
                frames(one, 60, 1);
                frames(many, 60, 1);
                double[] t1 = new double[0];
                double[] tn = new double[0];
                for (int b = 0; b < blocks; b++) {
                    t1 = concat(t1, frames(one, 0, 50));
                    tn = concat(tn, frames(many, 0, 50));
                }
                if (one.stateHash() != many.stateHash()) {
                    throw new IllegalStateException("parallel shards diverged");
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %,d | %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2fx |%n",
                        balls,
                        shards,
                        1000.0 / mean(t1),
                        pct(t1, 50),
                        pct(t1, 99),
                        1000.0 / mean(tn),
                        pct(tn, 50),
                        pct(tn, 99),
                        pct(t1, 50) / pct(tn, 50));
            }
        }
        System.out.println();
        sustained(600, null);
        sustained(600, pool);
        pool.close();
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * 10,000 balls, 64 players, 8 shards, paced at 60 Hz with inputs every frame; shards on {@code parallel} (null:
     * the game's thread only).
     */
    static void sustained(int frames, LaneHelpers parallel) {
        GameConfig config = GameConfig.of(PLAYERS, 10_000, 2);
        PongGame game = parallel == null
                ? PongGame.create(config, PongGame.Options.shards(8), new InMemoryFrameLog())
                : PongGame.create(config, PongGame.Options.shards(8), new InMemoryFrameLog(), parallel);
        frames(game, 120, 120);
        long period = 1_000_000_000L / 60;
        double[] t = new double[frames];
        double[] cpu = new double[frames];
        int missed = 0;
        long start = System.nanoTime();
        long next = start;
        for (int i = 0; i < frames; i++) {
            next += period;
            game.submit(new Input(i % PLAYERS, game.frame() + 1, (i / PLAYERS) % 3 - 1));
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            game.nextFrame();
            long end = System.nanoTime();
            t[i] = (end - t0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            if (end > next) {
                missed++;
            }
            LockSupport.parkNanos(next - System.nanoTime());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Sustained 60 Hz, 10,000 balls, 64 players, 8 shards, 3PC every frame, %s: %d frames in %.2f s ="
                        + " %.1f fps; commit p50 %.2f ms, p99 %.2f ms, max %.2f ms (game thread's CPU p50 %.2f ms,"
                        + " p99 %.2f ms); deadlines missed: %d%n%n",
                parallel == null ? "one thread" : "shards on all cores",
                frames,
                seconds,
                frames / seconds,
                pct(t, 50),
                pct(t, 99),
                Arrays.stream(t).max().orElse(0),
                pct(cpu, 50),
                pct(cpu, 99),
                missed);
    }

    /** Cost of a late input that rolls back k frames (re-simulation + install through 3PC + correction). */
    static void rollback() {
        GameConfig config = GameConfig.of(PLAYERS, 10_000, 3).withRollbackWindow(60);
        PongGame game = PongGame.create(config, PongGame.Options.shards(8), new InMemoryFrameLog());
        frames(game, 0, 100);
        double frame = pct(frames(game, 0, 60), 50);
        System.out.println(
                "| rollback k frames (10,000 balls, 8 shards) | median ms | per frame ms | vs one committed frame |");
        System.out.println("|---:|---:|---:|---:|");
        for (int k : new int[] {1, 5, 10, 30, 60}) {
            double[] t = new double[7];
            for (int rep = 0; rep < t.length; rep++) {
                frames(game, 0, 1);
                Input late = new Input(rep % PLAYERS, game.frame() - k + 1, rep % 2 == 0 ? 1 : -1);
                long t0 = System.nanoTime();
                InputResult r = game.submit(late);
                t[rep] = (System.nanoTime() - t0) / 1e6;
                if (!(r instanceof InputResult.Corrected)) {
                    throw new IllegalStateException("not corrected: " + r);
                }
            }
            System.out.printf(
                    Locale.ROOT, "| %d | %.2f | %.2f | %.1fx |%n", k, pct(t, 50), pct(t, 50) / k, pct(t, 50) / frame);
        }
        System.out.println();
    }

    /** A client joining mid-game: latest snapshot plus the frames after it. */
    static void join() {
        GameConfig config = GameConfig.of(PLAYERS, 10_000, 4).withSnapshotEvery(300);
        InMemoryFrameLog log = new InMemoryFrameLog();
        PongGame game = PongGame.create(config, PongGame.Options.shards(8), log);
        frames(game, 0, 599); // latest snapshot at frame 300, 299 frames after it
        double[] t = new double[11];
        for (int rep = 0; rep < t.length; rep++) {
            long t0 = System.nanoTime();
            GameReplica replica = GameReplica.join(log);
            t[rep] = (System.nanoTime() - t0) / 1e6;
            if (replica.state().hash() != game.stateHash()) {
                throw new IllegalStateException("joiner diverged");
            }
        }
        long t0 = System.nanoTime();
        GameReplica.fromStart(log);
        double full = (System.nanoTime() - t0) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "Join at frame 599 (10,000 balls; snapshot at 300 + 299 frame deltas): median %.1f ms, max %.1f ms;"
                        + " replay of all 599 frames from frame 0: %.1f ms%n",
                pct(t, 50),
                Arrays.stream(t).max().orElse(0),
                full);
    }

    static double mean(double[] t) {
        return Arrays.stream(t).average().orElse(0);
    }

    static double pct(double[] t, int p) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
