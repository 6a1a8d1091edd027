package io.ledgerflow.system.faults;

import io.ledgerflow.localstack.LocalStack;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Faults on a schedule drawn from a seed: kill -9 of a service and its restart, a restart of the Kafka broker or of
 * PostgreSQL, a pause (SIGSTOP, then SIGCONT) longer than the clients' timeout, and packet loss with a slow link
 * between a service and the broker ({@link NetworkFaults}, where the tests have a network namespace of their own).
 * The first faults go through every kind once, in the seed's order; later ones are drawn at random. After each fault heals, the nemesis waits
 * until a probe through the gateway succeeds again and records that recovery time per kind.
 */
final class Nemesis {

    enum Kind {
        KILL,
        PAUSE,
        KAFKA_RESTART,
        POSTGRES_RESTART,
        NETWORK
    }

    /** The share of packets a network fault drops, each way, and the rate it leaves. */
    static final double NETWORK_LOSS = 0.2;

    static final String NETWORK_RATE = "512kbit";

    /** How long a network fault lasts: shorter than a pause, long enough for retransmits and a full queue. */
    static final Duration NETWORK_HOLD = Duration.ofSeconds(6);

    /** Every JVM of the stack; the gateway last, since network faults draw from the others (the broker's clients). */
    static final List<String> SERVICES =
            List.of("calculation-service", "linking-service", "pong-service", "data-sharing-service", "gateway");

    record Fault(Kind kind, String target, long startedNanos, Duration recovery, String detail) {}

    private final LocalStack stack;
    private final History history;
    private final Random random;
    private final Duration pause;
    private final Duration gap;
    private final BooleanSupplier probe;
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, Boolean> paused = new ConcurrentHashMap<>();
    private final List<Kind> kinds;
    private final String networkUnavailable = NetworkFaults.unavailableReason();
    private volatile boolean running = true;
    private Thread thread;

    Nemesis(LocalStack stack, History history, long seed, Duration pause, Duration gap, BooleanSupplier probe) {
        this.stack = stack;
        this.history = history;
        this.random = new Random(seed);
        this.pause = pause;
        this.gap = gap;
        this.probe = probe;
        this.kinds = Arrays.stream(Kind.values())
                .filter(kind -> kind != Kind.NETWORK || networkUnavailable == null)
                .toList();
    }

    void start() {
        thread = Thread.ofPlatform().name("faults-nemesis").daemon().start(this::run);
    }

    /** Stops scheduling, lets the fault under way heal and recover, and resumes anything still paused. */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
        paused.keySet().forEach(pid -> signal("CONT", pid));
        NetworkFaults.heal();
    }

    /** Whether the first round — every kind of fault once — is over (recoveries included). */
    boolean everyKindInjected() {
        return faults.size() >= kinds.size();
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }

    private void run() {
        List<Kind> first = new ArrayList<>(kinds);
        Collections.shuffle(first, random);
        if (networkUnavailable != null) {
            history.nemesis("skipped", Kind.NETWORK.name(), "", networkUnavailable);
        }
        while (running) {
            if (!sleep(gap)) {
                return;
            }
            Kind kind = first.isEmpty() ? kinds.get(random.nextInt(kinds.size())) : first.removeFirst();
            inject(kind);
        }
    }

    private void inject(Kind kind) {
        String target = switch (kind) {
            case KILL, PAUSE -> SERVICES.get(random.nextInt(SERVICES.size()));
            case NETWORK -> SERVICES.get(random.nextInt(SERVICES.size() - 1));
            case KAFKA_RESTART -> "kafka";
            case POSTGRES_RESTART -> "postgres";
        };
        long started = System.nanoTime();
        String detail = "";
        history.nemesis("start", kind.name(), target, "");
        try {
            switch (kind) {
                case KILL -> stack.killAndRestart(target, Duration.ofSeconds(240));
                case PAUSE -> {
                    long pid = stack.endpoints().services().get(target).pid();
                    paused.put(pid, true);
                    signal("STOP", pid);
                    sleepThrough(pause);
                    signal("CONT", pid);
                    paused.remove(pid);
                    detail = "paused " + pause.toSeconds() + " s";
                }
                case KAFKA_RESTART -> stack.restartKafka();
                case POSTGRES_RESTART -> stack.restartPostgres();
                case NETWORK -> {
                    try {
                        detail = NetworkFaults.inject(
                                stack.endpoints().services().get(target).pid(),
                                brokerPort(),
                                NETWORK_LOSS,
                                NETWORK_RATE);
                        sleepThrough(NETWORK_HOLD);
                    } finally {
                        NetworkFaults.heal();
                    }
                }
            }
        } catch (RuntimeException e) {
            detail = "fault failed: " + e;
        }
        history.nemesis("stop", kind.name(), target, detail);
        Duration recovery = awaitRecovery(started);
        faults.add(new Fault(kind, target, started, recovery, detail));
        history.nemesis("recovered", kind.name(), target, recovery == null ? "never" : recovery.toMillis() + " ms");
    }

    private int brokerPort() {
        String bootstrap = stack.endpoints().kafkaBootstrapServers();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    /** From the fault's start until a probe through the gateway succeeds (null: not within 5 minutes). */
    private Duration awaitRecovery(long started) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The gap between faults, cut short when the run stops: false then. */
    private boolean sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return running;
    }

    /** A pause lasts its whole length, even when the run is stopping meanwhile. */
    private static void sleepThrough(Duration duration) {
        FaultRun.sleepQuietly(duration);
    }

    static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
