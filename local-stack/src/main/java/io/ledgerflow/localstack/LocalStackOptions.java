package io.ledgerflow.localstack;

import io.ledgerflow.localstack.process.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the launcher needs to know, resolved: no port here depends on another option any more.
 * Build one with {@link #defaults(Path)} and the {@code with...} methods, or from the command line
 * with {@link CommandLine#parse}.
 *
 * @param home the repository: service jars are read from {@code <home>/<module>/target/}
 * @param stateDir where data, logs and the pid file live ({@code <home>/.local-stack})
 * @param fresh wipe {@code <stateDir>/data} before starting
 * @param onlyInfra start PostgreSQL and Kafka only
 * @param portOffset added to every default port
 * @param gatewayPort the gateway's HTTP port
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort the Kafka broker's (client) port
 * @param kafkaControllerPort the KRaft controller's port
 * @param healthTimeout how long every service may take to become ready
 * @param javaCommand the {@code java} binary that runs the services
 * @param serviceJvmArgs JVM options of every service process
 * @param extraEnv environment variables added to every service process
 * @param skipped modules not to start (e.g. the one being debugged in an IDE)
 * @param startupCache start each service with the JDK start-up cache of {@link #startupCacheDir()}
 */
public record LocalStackOptions(
        Path home,
        Path stateDir,
        boolean fresh,
        boolean onlyInfra,
        int portOffset,
        int gatewayPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        Duration healthTimeout,
        Path javaCommand,
        List<String> serviceJvmArgs,
        Map<String, String> extraEnv,
        java.util.Set<String> skipped,
        boolean startupCache) {

    public static final String VERSION = "0.1.0-SNAPSHOT";
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    /** The Zipkin server's (UI, API and span collector): {@code --port-offset} moves it too. */
    public static final int DEFAULT_ZIPKIN_PORT = 9411;
    /** Set to {@code false} by {@code --no-tracing}: no trace server, services export no spans. */
    public static final String TRACING_EXPORT_ENABLED = "TRACING_EXPORT_ENABLED";

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Both JIT tiers (C1 only started faster but cost throughput: the start-up cache does the
     * start-up now), a serial collector (two cores, small heaps) and room for a large import. The
     * JVM's default thread stack: formulas nested hundreds deep recurse, and {@code -Xss512k} made
     * the hostile-input fuzz's deep parentheses a StackOverflowError (a 500).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_ARGS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

    public LocalStackOptions {
        home = home.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(javaCommand, "javaCommand");
        serviceJvmArgs = List.copyOf(serviceJvmArgs);
        extraEnv = Map.copyOf(extraEnv);
        skipped = java.util.Set.copyOf(skipped);
        for (String module : skipped) {
            if (ServiceSpec.ALL.stream().noneMatch(spec -> spec.module().equals(module))) {
                throw new IllegalArgumentException("no module " + module + " to skip; the modules are "
                        + ServiceSpec.ALL.stream().map(ServiceSpec::module).toList());
            }
        }
        for (int port : new int[] {gatewayPort, postgresPort, kafkaPort, kafkaControllerPort}) {
            checkPort(port);
        }
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            checkPort(spec.defaultHttpPort() + portOffset);
            checkPort(spec.defaultManagementPort() + portOffset);
        }
        checkPort(ServiceSpec.GATEWAY.defaultManagementPort() + portOffset);
        checkPort(DEFAULT_ZIPKIN_PORT + portOffset);
    }

    /** The defaults for a repository: ports of DEVELOPERS.md, state in {@code <home>/.local-stack}. */
    public static LocalStackOptions defaults(Path home) {
        return new LocalStackOptions(
                home,
                home.resolve(".local-stack"),
                false,
                false,
                0,
                ServiceSpec.GATEWAY.defaultHttpPort(),
                DEFAULT_POSTGRES_PORT,
                DEFAULT_KAFKA_PORT,
                DEFAULT_KAFKA_PORT + 1,
                DEFAULT_HEALTH_TIMEOUT,
                currentJava(),
                DEFAULT_SERVICE_JVM_ARGS,
                Map.of(),
                java.util.Set.of(),
                true);
    }

    /** The {@code java} running this launcher (a JDK >= 21: the services need nothing newer). */
    static Path currentJava() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path java = javaHome.resolve("bin").resolve("java");
        return Files.isExecutable(java) ? java : Path.of("java");
    }

    // ---------------------------------------------------------------- paths

    public Path dataDir() {
        return stateDir.resolve("data");
    }

    public Path postgresDataDir() {
        return dataDir().resolve("postgres");
    }

    public Path kafkaLogDir() {
        return dataDir().resolve("kafka");
    }

    public Path credentialsFile() {
        return dataDir().resolve("credentials.properties");
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    public Path pidsFile() {
        return stateDir.resolve("pids");
    }

    /** PostgreSQL's binaries are unpacked here once (outside data: --fresh keeps them). */
    public Path postgresBinariesDir() {
        return stateDir.resolve("postgres-binaries");
    }

    public Path execJar(ServiceSpec spec) {
        return home.resolve(spec.module()).resolve("target").resolve(spec.execJarName(VERSION));
    }

    /** The Zipkin server's executable jar, copied from Maven Central into local-stack's target by its build. */
    public Path zipkinJar() {
        return home.resolve("local-stack").resolve("target").resolve("zipkin").resolve("zipkin-server-exec.jar");
    }

    // ---------------------------------------------------------------- tracing

    /** Whether the stack starts a Zipkin server and every service exports its spans there (not with --no-tracing). */
    public boolean tracing() {
        return !onlyInfra && !"false".equalsIgnoreCase(extraEnv.getOrDefault(TRACING_EXPORT_ENABLED, "true"));
    }

    public int zipkinPort() {
        return DEFAULT_ZIPKIN_PORT + portOffset;
    }

    // ---------------------------------------------------------------- ports

    public int httpPort(ServiceSpec spec) {
        return spec.isGateway() ? gatewayPort : spec.defaultHttpPort() + portOffset;
    }

    public int managementPort(ServiceSpec spec) {
        return spec.defaultManagementPort() + portOffset;
    }

    /**
     * The services to start: the four services, then the gateway, less the skipped ones; none when
     * only the infrastructure runs.
     */
    public List<ServiceSpec> services() {
        return onlyInfra
                ? List.of()
                : ServiceSpec.ALL.stream()
                        .filter(spec -> !skipped.contains(spec.module()))
                        .toList();
    }

    /** Leaves {@code module} out (its ports stay reserved in the gateway's upstream URLs). */
    public LocalStackOptions withSkipped(String module) {
        java.util.Set<String> modules = new java.util.LinkedHashSet<>(skipped);
        modules.add(module);
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                modules,
                startupCache);
    }

    // ---------------------------------------------------------------- withers

    public LocalStackOptions withStateDir(Path dir) {
        return new LocalStackOptions(
                home,
                dir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withFresh(boolean value) {
        return new LocalStackOptions(
                home,
                stateDir,
                value,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withOnlyInfra(boolean value) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                value,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    /** Shifts every port (services, gateway, PostgreSQL, Kafka) by {@code offset} from its default. */
    public LocalStackOptions withPortOffset(int offset) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                offset,
                ServiceSpec.GATEWAY.defaultHttpPort() + offset,
                DEFAULT_POSTGRES_PORT + offset,
                DEFAULT_KAFKA_PORT + offset,
                DEFAULT_KAFKA_PORT + 1 + offset,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withGatewayPort(int port) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                port,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withPostgresPort(int port) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                port,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    /** The broker's port; the controller takes the next one unless set after this. */
    public LocalStackOptions withKafkaPort(int port) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                port,
                port + 1,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withKafkaControllerPort(int port) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                port,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withHealthTimeout(Duration timeout) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                timeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    public LocalStackOptions withJavaCommand(Path java) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                java,
                serviceJvmArgs,
                extraEnv,
                skipped,
                startupCache);
    }

    /**
     * The variable whose JVM options {@link CommandLine} (and the load harnesses) add to every service's, split at
     * white space; {@code {module}} in an option stands for the module's name (e.g. a JFR file per service).
     */
    public static final String JVM_OPTS_VARIABLE = "LEDGERFLOW_JVM_OPTS";

    /** Adds {@code extra} (options separated by white space; null or blank: none) to the service JVM options. */
    public LocalStackOptions withExtraServiceJvmArgs(String extra) {
        if (extra == null || extra.isBlank()) {
            return this;
        }
        List<String> args = new java.util.ArrayList<>(serviceJvmArgs);
        args.addAll(List.of(extra.trim().split("\\s+")));
        return withServiceJvmArgs(args);
    }

    /** The JVM options of {@code module}'s process: {@link #serviceJvmArgs()} with {@code {module}} replaced. */
    public List<String> serviceJvmArgs(String module) {
        return serviceJvmArgs.stream()
                .map(arg -> arg.replace("{module}", module))
                .toList();
    }

    public LocalStackOptions withServiceJvmArgs(List<String> args) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                args,
                extraEnv,
                skipped,
                startupCache);
    }

    /**
     * Whether each service starts with the JDK's start-up cache (an AOT cache on JDK 25+, a CDS
     * archive on older JDKs) kept in {@code <stateDir>/startup-cache}: the first start records it
     * (written when the service exits), later starts load it. Off for throw-away state directories.
     */
    public LocalStackOptions withStartupCache(boolean value) {
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                extraEnv,
                skipped,
                value);
    }

    public Path startupCacheDir() {
        return stateDir.resolve("startup-cache");
    }

    /** Adds one environment variable to every service process (e.g. {@code LOG_FORMAT=ecs}). */
    public LocalStackOptions withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.put(name, value);
        return new LocalStackOptions(
                home,
                stateDir,
                fresh,
                onlyInfra,
                portOffset,
                gatewayPort,
                postgresPort,
                kafkaPort,
                kafkaControllerPort,
                healthTimeout,
                javaCommand,
                serviceJvmArgs,
                env,
                skipped,
                startupCache);
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }
}
