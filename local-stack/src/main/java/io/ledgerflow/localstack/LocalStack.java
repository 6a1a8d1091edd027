package io.ledgerflow.localstack;

import io.ledgerflow.localstack.auth.LocalAuth;
import io.ledgerflow.localstack.health.ReadinessWaiter;
import io.ledgerflow.localstack.health.Rss;
import io.ledgerflow.localstack.kafka.KafkaBroker;
import io.ledgerflow.localstack.ports.PortCheck;
import io.ledgerflow.localstack.ports.PortClaim;
import io.ledgerflow.localstack.postgres.Credentials;
import io.ledgerflow.localstack.postgres.PostgresServer;
import io.ledgerflow.localstack.process.PidRegistry;
import io.ledgerflow.localstack.process.ProcessSpawner;
import io.ledgerflow.localstack.process.ServiceProcess;
import io.ledgerflow.localstack.process.ServiceSpec;
import io.ledgerflow.localstack.process.StartupCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite on one machine: PostgreSQL and a Kafka broker (both real, both keeping their
 * data in {@code .local-stack/data}), then every service and the gateway as separate JVMs.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults(repo).withPortOffset(1000))) {
 *     String gateway = stack.endpoints().gatewayUrl();
 * }
 * }</pre>
 *
 * {@link #close()} stops the services (SIGTERM, SIGKILL after a grace period), then Kafka, then
 * PostgreSQL. As a program ({@link #main}) it does the same on Ctrl-C.
 *
 * <p>~800 lines because start, the fault-injection restarts and stop share one lifecycle state (the
 * processes, the broker, the database, the credentials, one lock); the per-process mechanics already
 * live in {@code process}, {@code health} and the infrastructure classes. Split along that state
 * only with a test of the restarts beside it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * The stop grace when a service records its AOT cache ({@code -XX:AOTCacheOutput}): the JVM writes the cache at
     * exit, which takes tens of seconds of CPU (two minutes and more on a loaded machine); killed at 20 s, every
     * later start would be a recording run again and never start from the cache.
     */
    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(300);

    static final String NO_AUTH_WARNING = "!!! AUTHENTICATION IS OFF (--no-auth): anyone who can reach the gateway or a"
            + " service reads and writes every workspace. !!!";

    private final LocalStackOptions options;
    private final Consumer<String> console;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** The services started to record their start-up cache, which they write when they stop. */
    private final Set<ServiceProcess> recording = ConcurrentHashMap.newKeySet();

    private volatile boolean closing;
    private final Object startLock = new Object();

    private volatile FileChannel lockChannel;
    private volatile FileLock lock;
    private volatile PidRegistry pids;
    private volatile ProcessSpawner spawner;
    /** The JDK's AOT cache (or CDS archive) per service; null when off. Restarts use it too. */
    private volatile StartupCache startupCache;

    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile Endpoints endpoints;
    private volatile LocalAuth auth;
    private volatile Credentials credentials;
    private Duration infrastructureTime;
    private Duration readyTime;

    LocalStack(LocalStackOptions options, Consumer<String> console) {
        this.options = options;
        this.console = console;
    }

    /** Starts everything {@code options} asks for and returns once every service is ready. */
    public static LocalStack start(LocalStackOptions options) {
        return start(options, line -> log().info(line));
    }

    /** As {@link #start(LocalStackOptions)}, reporting progress to {@code console}. */
    public static LocalStack start(LocalStackOptions options, Consumer<String> console) {
        LocalStack stack = new LocalStack(options, console);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public LocalStackOptions options() {
        return options;
    }

    /** From the call to start until PostgreSQL and Kafka were up. */
    public Duration infrastructureTime() {
        return infrastructureTime;
    }

    /** From the call to start until every service was ready. */
    public Duration readyTime() {
        return readyTime;
    }

    /** Resident memory of one component, in KiB: VmRSS summed, and PSS summed. */
    public record MemoryUsage(String component, long rssKib, long pssKib) {}

    /**
     * Resident memory right now by component: this launcher (with Kafka in it), PostgreSQL
     * (postmaster and backends), and each service (with any process it started).
     */
    public List<MemoryUsage> memory() {
        List<MemoryUsage> usage = new ArrayList<>();
        processGroups()
                .forEach((name, handles) ->
                        usage.add(new MemoryUsage(name, Rss.totalKib(handles), Rss.totalPssKib(handles))));
        return usage;
    }

    /**
     * The processes of each component right now (as {@link #memory()} groups them): this launcher
     * (with Kafka in it), PostgreSQL (postmaster and backends), each service with its children.
     */
    public Map<String, List<ProcessHandle>> processGroups() {
        Map<String, List<ProcessHandle>> components = new LinkedHashMap<>();
        components.put("launcher + Kafka", List.of(ProcessHandle.current()));
        PostgresServer server = postgres;
        if (server != null) {
            List<ProcessHandle> pg = server.processes();
            components.put("PostgreSQL (" + pg.size() + " processes)", pg);
        }
        synchronized (processes) {
            for (ServiceProcess process : processes) {
                List<ProcessHandle> tree = new ArrayList<>();
                tree.add(process.handle());
                try (Stream<ProcessHandle> descendants = process.handle().descendants()) {
                    descendants.forEach(tree::add);
                }
                components.put(process.name(), tree);
            }
        }
        return components;
    }

    // ------------------------------------------------------------------------------------ start

    void startAll() {
        long start = System.nanoTime();
        // Initialise logging here, before PostgreSQL and Kafka start on two threads at once.
        log().info("starting the local stack with {}", options);
        Credentials credentials;
        // Held while PostgreSQL and Kafka start: a Ctrl-C then waits for them to be up (seconds)
        // and stops them cleanly, rather than exiting half-way through initdb or an unpack.
        synchronized (startLock) {
            lockStateDir();
            stopLeftovers();
            requireJars();
            PortCheck.requireFree(portClaims());
            if (options.fresh()) {
                console.accept("--fresh: deleting " + options.dataDir());
                deleteRecursively(options.dataDir());
            }

            if (!auth().enabled()) {
                console.accept(NO_AUTH_WARNING);
            }

            console.accept("Starting PostgreSQL on port " + options.postgresPort() + " and Kafka on port "
                    + options.kafkaPort() + " (data in " + options.dataDir() + ")");
            CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture.supplyAsync(
                    () -> KafkaBroker.start(options.kafkaLogDir(), options.kafkaPort(), options.kafkaControllerPort()),
                    runnable -> new Thread(runnable, "local-stack-kafka-start").start());
            try {
                startPostgres();
            } finally {
                try {
                    kafka = kafkaStart.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
            }
            stopIfClosing();
            credentials = Credentials.loadOrCreate(options.credentialsFile(), ServiceSpec.databases());
            PostgresServer server = postgres;
            if (server == null) {
                throw new IllegalStateException("stopped while starting");
            }
            server.provision(ServiceSpec.databases(), credentials);
            this.credentials = credentials;
        }
        infrastructureTime = Duration.ofNanos(System.nanoTime() - start);
        console.accept(String.format(
                "PostgreSQL and Kafka up after %.1f s; databases %s ready",
                infrastructureTime.toMillis() / 1000.0, ServiceSpec.databases()));

        if (!options.services().isEmpty()) {
            if (options.tracing()) {
                startZipkin();
            }
            startServices(credentials);
            stopIfClosing();
            new ReadinessWaiter()
                    .awaitReady(List.copyOf(processes), options.healthTimeout(), line -> console.accept("  " + line));
        }
        readyTime = Duration.ofNanos(System.nanoTime() - start);
        endpoints = endpoints(credentials);
        watchForExits();
    }

    private void startPostgres() {
        PostgresServer started = PostgresServer.start(
                options.postgresDataDir(),
                options.postgresBinariesDir(),
                options.postgresPort(),
                options.logsDir().resolve("postgres.log"));
        postgres = started;
        started.postmasterPid().flatMap(ProcessHandle::of).ifPresent(postmaster -> pids.record(postmaster, "postgres"));
    }

    private void startServices(Credentials credentials) {
        if (spawner == null) {
            spawner = new ProcessSpawner();
        }
        console.accept("Starting " + options.services().size() + " services (logs in " + options.logsDir() + ")");
        startupCache =
                options.startupCache() ? new StartupCache(options.startupCacheDir(), options.javaCommand()) : null;
        for (ServiceSpec spec : options.services()) {
            startService(spec, credentials);
        }
    }

    private ServiceProcess startService(ServiceSpec spec, Credentials credentials) {
        List<String> command = new ArrayList<>();
        command.add(options.javaCommand().toString());
        command.addAll(options.serviceJvmArgs(spec.module()));
        if (startupCache != null) {
            command.addAll(startupCache.launch(spec.module(), options.execJar(spec)));
        } else {
            command.add("-jar");
            command.add(options.execJar(spec).toString());
        }
        ServiceProcess process = ServiceProcess.start(
                spec.module(),
                command,
                environment(spec, credentials),
                options.home(),
                options.logsDir().resolve(spec.module() + ".log"),
                URI.create(managementUrl(spec) + "/actuator/health/readiness"),
                spawner);
        synchronized (processes) {
            processes.add(process);
        }
        if (command.stream().anyMatch(arg -> arg.startsWith("-XX:AOTCacheOutput="))) {
            recording.add(process);
        }
        pids.record(process.handle(), spec.module());
        log().info("started {} with {}", process, command);
        return process;
    }

    /**
     * The Zipkin server (in-memory storage, its UI at {@link #tracingUrl()}), started before the services so it
     * collects their spans from the first request on. Its readiness is awaited with theirs.
     */
    private void startZipkin() {
        if (spawner == null) {
            spawner = new ProcessSpawner();
        }
        console.accept("Starting the trace server (Zipkin) on port " + options.zipkinPort());
        List<String> command = List.of(
                options.javaCommand().toString(),
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                options.zipkinJar().toString());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUERY_PORT", Integer.toString(options.zipkinPort()));
        env.put("STORAGE_TYPE", "mem");
        env.put("MEM_MAX_SPANS", "200000");
        // only the HTTP collector: the others would pick up a developer's KAFKA_BOOTSTRAP_SERVERS, RABBIT_URI, ...
        for (String collector : List.of("KAFKA", "RABBITMQ", "ACTIVEMQ", "GRPC", "SCRIBE")) {
            env.put("COLLECTOR_" + collector + "_ENABLED", "false");
        }
        ServiceProcess process = ServiceProcess.start(
                "zipkin",
                command,
                env,
                options.home(),
                options.logsDir().resolve("zipkin.log"),
                URI.create(tracingUrl() + "/health"),
                spawner);
        synchronized (processes) {
            processes.add(process);
        }
        pids.record(process.handle(), "zipkin");
    }

    /** The trace server's UI and API (Zipkin), or null when the stack runs without tracing. */
    public String tracingUrl() {
        return options.tracing() ? "http://localhost:" + options.zipkinPort() : null;
    }

    /** The environment of one service process: the runtime contract of DEVELOPERS.md. */
    Map<String, String> environment(ServiceSpec spec, Credentials credentials) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(options.httpPort(spec)));
        env.put("MANAGEMENT_PORT", Integer.toString(options.managementPort(spec)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + options.kafkaPort());
        spec.ownDatabase().ifPresent(database -> {
            env.put("DB_URL", "jdbc:postgresql://localhost:" + options.postgresPort() + "/" + database);
            env.put("DB_USER", database);
            env.put("DB_PASSWORD", credentials.password(database));
        });
        if (spec.isGateway()) {
            for (ServiceSpec upstream : ServiceSpec.SERVICES) {
                env.put(upstream.gatewayUrlVariable(), httpUrl(upstream));
            }
        }
        env.putAll(auth().environment());
        if (options.tracing()) {
            // every span of the local stack, so one edit can be followed through the suite
            env.put("TRACING_SAMPLING_PROBABILITY", "1.0");
            env.put(LocalStackOptions.TRACING_EXPORT_ENABLED, "true");
            env.put("TRACING_ZIPKIN_ENDPOINT", tracingUrl() + "/api/v2/spans");
        }
        env.putAll(options.extraEnv());
        return env;
    }

    /** Authentication of the stack: its key is read (or made) once, after {@code --fresh} emptied the data. */
    LocalAuth auth() {
        if (auth == null) {
            auth = LocalAuth.resolve(options.extraEnv(), options.dataDir());
        }
        return auth;
    }

    private String httpUrl(ServiceSpec spec) {
        return "http://localhost:" + options.httpPort(spec);
    }

    private String managementUrl(ServiceSpec spec) {
        return "http://localhost:" + options.managementPort(spec);
    }

    private Endpoints endpoints(Credentials credentials) {
        Map<String, Endpoints.Service> services = new LinkedHashMap<>();
        synchronized (processes) {
            for (ServiceSpec spec : options.services()) {
                long pid = processes.stream()
                        .filter(p -> p.name().equals(spec.module()))
                        .mapToLong(ServiceProcess::pid)
                        .findFirst()
                        .orElse(-1);
                services.put(
                        spec.module(), new Endpoints.Service(spec.module(), httpUrl(spec), managementUrl(spec), pid));
            }
        }
        Map<String, Endpoints.Database> databases = new LinkedHashMap<>();
        for (String database : ServiceSpec.databases()) {
            databases.put(
                    database,
                    new Endpoints.Database(
                            database,
                            "jdbc:postgresql://localhost:" + options.postgresPort() + "/" + database,
                            database,
                            credentials.password(database)));
        }
        boolean withGateway = !options.services().isEmpty();
        String gateway = withGateway ? httpUrl(ServiceSpec.GATEWAY) : null;
        return new Endpoints(
                gateway,
                withGateway ? gateway + "/swagger-ui.html" : null,
                services,
                "localhost:" + options.kafkaPort(),
                options.postgresPort(),
                databases);
    }

    /** Only one launcher per state directory: a second one would fight over ports and data. */
    private void lockStateDir() {
        try {
            Files.createDirectories(options.stateDir());
            Path lockFile = options.stateDir().resolve("lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                lockChannel = null;
                throw new IllegalStateException("Another local stack is already running on " + options.stateDir()
                        + " (stop it with Ctrl-C first, or give this one --state-dir and --port-offset)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + options.stateDir(), e);
        }
        pids = new PidRegistry(options.pidsFile());
    }

    /** Stops what a launcher killed with SIGKILL left behind (recorded pids, a running postmaster). */
    private void stopLeftovers() {
        List<String> stopped = new ArrayList<>(PidRegistry.stopStale(options.pidsFile()));
        if (PostgresServer.stopStale(options.postgresDataDir())) {
            stopped.add("postgres");
        }
        if (!stopped.isEmpty()) {
            console.accept("Stopped processes left running by a previous launcher: " + String.join(", ", stopped));
        }
    }

    private void requireJars() {
        List<Path> jars = new ArrayList<>(
                options.services().stream().map(options::execJar).toList());
        if (options.tracing()) {
            jars.add(options.zipkinJar());
        }
        List<String> missing = jars.stream()
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot start: these service jars are missing (build them with"
                    + " ./run-local, or ./mvnw -B -ntp -Dmaven.test.skip=true package):" + System.lineSeparator()
                    + "  - "
                    + String.join(System.lineSeparator() + "  - ", missing));
        }
    }

    List<PortClaim> portClaims() {
        List<PortClaim> claims = new ArrayList<>();
        claims.add(new PortClaim(options.postgresPort(), "PostgreSQL", "--postgres-port"));
        claims.add(new PortClaim(options.kafkaPort(), "Kafka broker", "--kafka-port"));
        claims.add(new PortClaim(options.kafkaControllerPort(), "Kafka controller", "--kafka-controller-port"));
        if (options.tracing()) {
            claims.add(new PortClaim(options.zipkinPort(), "Zipkin (traces)", "--port-offset"));
        }
        for (ServiceSpec spec : options.services()) {
            claims.add(new PortClaim(
                    options.httpPort(spec),
                    spec.module() + " (HTTP)",
                    spec.isGateway() ? "--gateway-port" : "--port-offset"));
            claims.add(new PortClaim(options.managementPort(spec), spec.module() + " (management)", "--port-offset"));
        }
        return claims;
    }

    private void watchForExits() {
        synchronized (processes) {
            for (ServiceProcess process : processes) {
                process.process().onExit().thenAccept(ended -> {
                    if (!closing) {
                        console.accept("[" + process.name() + "] exited unexpectedly with code " + ended.exitValue()
                                + "; see " + process.log());
                    }
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------ faults

    /**
     * Fault injection (system-tests' fault harness): kills one service with SIGKILL — no shutdown
     * hook, no flush — starts it again with the same command and environment, and returns once it
     * is ready. {@link #endpoints()} then names the new process.
     */
    public void killAndRestart(String module, Duration readyTimeout) {
        killAndRestart(List.of(module), readyTimeout);
    }

    /**
     * {@link #killAndRestart(String, Duration)} of several services at once: every one is dead
     * before any starts again, and they start side by side.
     */
    public void killAndRestart(List<String> modules, Duration readyTimeout) {
        List<ServiceSpec> specs = modules.stream()
                .map(module -> options.services().stream()
                        .filter(s -> s.module().equals(module))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no service " + module)))
                .toList();
        List<ServiceProcess> old;
        synchronized (processes) {
            old = processes.stream().filter(p -> modules.contains(p.name())).toList();
            processes.removeAll(old);
        }
        for (ServiceProcess process : old) {
            process.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.process().destroyForcibly();
        }
        old.forEach(process -> process.process().onExit().join());
        List<ServiceProcess> started =
                specs.stream().map(spec -> startService(spec, credentials)).toList();
        new ReadinessWaiter().awaitReady(started, readyTimeout, line -> console.accept("  " + line));
        endpoints = endpoints(credentials);
    }

    /** Fault injection: stops the Kafka broker (controlled shutdown) and starts it again on the same data. */
    public void restartKafka() {
        synchronized (startLock) {
            kafka.close();
            kafka = KafkaBroker.start(options.kafkaLogDir(), options.kafkaPort(), options.kafkaControllerPort());
        }
    }

    /** Fault injection: stops PostgreSQL (fast shutdown: open connections are cut) and starts it again. */
    public void restartPostgres() {
        synchronized (startLock) {
            postgres.close();
            startPostgres();
        }
    }

    // ------------------------------------------------------------------------------------ stop

    /** Stops the services, then Kafka, then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        synchronized (startLock) {
            stopAll();
        }
    }

    /** True once {@link #close()} has begun (e.g. Ctrl-C while starting). */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Stops whatever is running now; each component is stopped once. Called by {@link #close()} and,
     * when a close came in while starting, again by the starting thread after each step.
     */
    private synchronized void stopAll() {
        List<ServiceProcess> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        if (!running.isEmpty()) {
            console.accept("Stopping " + running.size() + " services...");
            running.forEach(ServiceProcess::requestStop);
            boolean writingCaches = running.stream().anyMatch(recording::contains);
            if (writingCaches) {
                console.accept("Writing the start-up caches recorded by this first run (once, up to "
                        + RECORDING_STOP_GRACE.toSeconds() + " s)...");
            }
            running.forEach(recording::remove);
            long deadline = System.nanoTime() + (writingCaches ? RECORDING_STOP_GRACE : STOP_GRACE).toNanos();
            for (ServiceProcess process : running.reversed()) {
                process.awaitStop(Duration.ofNanos(deadline - System.nanoTime()));
            }
        }
        if (spawner != null) {
            spawner.close();
            spawner = null;
        }
        if (kafka != null) {
            console.accept("Stopping Kafka...");
            runQuietly("Kafka", kafka::close);
            kafka = null;
        }
        if (postgres != null) {
            console.accept("Stopping PostgreSQL...");
            runQuietly("PostgreSQL", postgres::close);
            postgres = null;
        }
        if (pids != null) {
            runQuietly("pid file", pids::clear);
        }
        if (lock != null) {
            runQuietly("lock", () -> {
                try {
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            lock = null;
        }
    }

    /** A close that arrived while starting: stop what the last step started, and go no further. */
    private void stopIfClosing() {
        if (closing) {
            stopAll();
            throw new IllegalStateException("stopped while starting");
        }
    }

    /** Kills the services and stops PostgreSQL without waiting for anything else. */
    void emergencyStop() {
        closing = true;
        synchronized (processes) {
            processes.forEach(process -> process.awaitStop(Duration.ZERO));
        }
        if (postgres != null) {
            runQuietly("PostgreSQL", postgres::close);
        }
    }

    private void runQuietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            console.accept("Could not stop " + what + " cleanly: " + e.getMessage());
            log().warn("stopping {}", what, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    // ------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws InterruptedException {
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args, System.getenv(), Path.of(""));
        } catch (CommandLine.UsageException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        LocalStackOptions options = parsed.options();
        // Before the first logger: Kafka's and PostgreSQL's own logs go to this folder. The file is
        // not named logback.xml, so a test depending on this module keeps its own logging setup.
        System.setProperty("localstack.logs", options.logsDir().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        }

        LocalStack stack = new LocalStack(options, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        // Kafka halts the JVM on a fatal fault, skipping shutdown hooks: stop the rest first.
        Exit.setHaltProcedure((code, message) -> {
            System.err.println("Kafka stopped the launcher: " + message);
            stack.emergencyStop();
            Runtime.getRuntime().halt(code);
        });
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            if (stack.isClosing()) {
                return; // Ctrl-C while starting: the shutdown hook is stopping everything.
            }
            log().warn("start failed", e);
            System.err.println();
            System.err.println(describe(e));
            System.err.println("(details: " + options.logsDir().resolve("infrastructure.log") + ")");
            System.exit(1);
            return;
        }
        System.out.println(stack.summary(launcherUptime(), runStartedMillis()));
        stopped.await();
    }

    /** What the user reads when everything is up. */
    String summary(Duration sinceLauncherStart, Long runStartedMillis) {
        StringBuilder text = new StringBuilder();
        String nl = System.lineSeparator();
        text.append(nl).append("Ledgerflow local stack is up");
        text.append(String.format(
                " - all healthy %.1f s after the launcher started", sinceLauncherStart.toMillis() / 1000.0));
        if (runStartedMillis != null) {
            text.append(String.format(
                    " (%.1f s after ./run-local, build included)",
                    (System.currentTimeMillis() - runStartedMillis) / 1000.0));
        }
        text.append(nl).append(nl);
        Endpoints urls = endpoints;
        if (urls.gatewayUrl() != null) {
            row(text, "Gateway", urls.gatewayUrl());
            row(text, "Swagger UI", urls.swaggerUiUrl());
            row(text, "Traces (Zipkin)", tracingUrl() != null ? tracingUrl() + "/zipkin/" : "off (--no-tracing)");
            for (Endpoints.Service service : urls.services().values()) {
                row(text, service.module(), service.url() + "   health " + service.readinessUrl());
            }
        }
        row(text, "Kafka", urls.kafkaBootstrapServers());
        row(
                text,
                "PostgreSQL",
                "jdbc:postgresql://localhost:" + urls.postgresPort() + "/{"
                        + String.join(",", urls.databases().keySet()) + "}  (users = database names; passwords in "
                        + options.credentialsFile() + ")");
        row(text, "Logs", options.logsDir().toString());
        tokens(text);
        List<MemoryUsage> memory = memory();
        long rss = memory.stream().mapToLong(MemoryUsage::rssKib).sum();
        long pss = memory.stream().mapToLong(MemoryUsage::pssKib).sum();
        StringBuilder parts = new StringBuilder();
        for (MemoryUsage usage : memory) {
            parts.append(parts.isEmpty() ? "" : ", ")
                    .append(usage.component())
                    .append(' ')
                    .append(usage.rssKib() / 1024)
                    .append(" MiB");
        }
        row(text, "Memory", "total RSS " + rss / 1024 + " MiB (" + parts + ")");
        if (pss > 0) {
            row(text, "", "total PSS " + pss / 1024 + " MiB (shared pages counted once)");
        }
        text.append(nl).append("Press Ctrl-C to stop everything.");
        return text.toString();
    }

    /** The demo bearer tokens, ready to paste, also kept in data/tokens.env; or the loud warning that auth is off. */
    private void tokens(StringBuilder text) {
        String nl = System.lineSeparator();
        if (!auth().enabled()) {
            text.append(nl).append(NO_AUTH_WARNING).append(nl);
            return;
        }
        Map<String, String> tokens = auth().demoTokens();
        if (tokens.isEmpty()) {
            row(text, "Auth", "on; tokens from your identity provider (AUTH_JWK_SET_URI)");
            return;
        }
        Path file = options.dataDir().resolve("tokens.env");
        auth().writeTokens(file);
        text.append(nl)
                .append("  Bearer tokens (")
                .append(LocalAuth.TOKEN_LIFETIME.toDays())
                .append(" days): ACME and GLOBEX read and write their workspace, READONLY reads acme.")
                .append(nl)
                .append("  Paste these lines, or `source ")
                .append(file)
                .append("`, then: curl -H \"Authorization: Bearer $ACME\" ...")
                .append(nl);
        tokens.forEach((name, token) -> text.append("    export ")
                .append(name)
                .append('=')
                .append(token)
                .append(nl));
    }

    /** Looked up on use, not in a static field: main sets the log folder before logging starts. */
    private static Logger log() {
        return LoggerFactory.getLogger(LocalStack.class);
    }

    private static void row(StringBuilder text, String name, String value) {
        text.append(String.format("  %-22s %s%n", name, value));
    }

    private static Duration launcherUptime() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static Long runStartedMillis() {
        String value = System.getenv("LEDGERFLOW_RUN_STARTED_MS");
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String describe(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(System.lineSeparator()).append("  caused by: ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
