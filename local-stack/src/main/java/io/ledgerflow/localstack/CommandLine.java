package io.ledgerflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the launcher's arguments into {@link LocalStackOptions}. */
public final class CommandLine {

    public static final String USAGE = """
            Usage: ./run-local [options]

            Starts PostgreSQL, a Kafka broker (KRaft), the four services and the gateway, waits until
            every one is ready and prints the URLs. Ctrl-C stops everything.

              --fresh                     start from empty: wipe .local-stack/data first
              --only-infra                start PostgreSQL and Kafka only (no services, no gateway)
              --port-offset <n>           add <n> to every default port (e.g. 100: gateway 8180, ...)
              --gateway-port <port>       the gateway's HTTP port (default 8080)
              --postgres-port <port>      PostgreSQL (default 15432)
              --kafka-port <port>         the Kafka broker (default 19092)
              --kafka-controller-port <p> the KRaft controller (default: Kafka port + 1)
              --timeout <seconds>         how long the services may take to become ready (default 300)
              --env NAME=VALUE            add a variable to every service's environment (repeatable)
              --no-auth                   no bearer tokens needed anywhere (AUTH_ENABLED=false): an open stack
              --no-tracing                no trace server (Zipkin), no spans exported (TRACING_EXPORT_ENABLED=false)
              --skip <module>[,<module>]  do not start these (e.g. the one you run from your IDE)
              --home <dir>                the repository (default: found from the working directory)
              --state-dir <dir>           data, logs and pids (default <home>/.local-stack)
              --no-build                  (./run-local only) skip the Maven build, use the jars in */target
              -h, --help                  this text

            LEDGERFLOW_JVM_OPTS (environment) adds JVM options to every service's, {module} standing for
            the module's name, e.g. a profile of each:
              LEDGERFLOW_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/{module}.jfr,settings=profile'
            """;

    /** The outcome of parsing: the options, or a request for help. */
    public record Parsed(LocalStackOptions options, boolean help) {}

    /** A wrong argument; its message says which and why. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    private static final java.util.Set<String> VALUED = java.util.Set.of(
            "--port-offset",
            "--gateway-port",
            "--postgres-port",
            "--kafka-port",
            "--kafka-controller-port",
            "--timeout",
            "--home",
            "--state-dir",
            "--env",
            "--skip");

    private CommandLine() {}

    public static Parsed parse(String[] args, Map<String, String> env, Path workingDir) {
        boolean help = false;
        boolean fresh = false;
        boolean onlyInfra = false;
        Integer offset = null;
        Integer gatewayPort = null;
        Integer postgresPort = null;
        Integer kafkaPort = null;
        Integer controllerPort = null;
        Duration timeout = null;
        Path home = null;
        Path stateDir = null;
        Map<String, String> extraEnv = new LinkedHashMap<>();
        java.util.List<String> skipped = new java.util.ArrayList<>();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--fresh" -> fresh = true;
                case "--only-infra" -> onlyInfra = true;
                case "--no-auth" -> extraEnv.put("AUTH_ENABLED", "false");
                case "--no-tracing" -> extraEnv.put(LocalStackOptions.TRACING_EXPORT_ENABLED, "false");
                default -> {
                    if (!VALUED.contains(name)) {
                        throw new UsageException("unknown option '" + arg + "' (see --help)");
                    }
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--port-offset" -> offset = integer(name, value, -8000, 50000);
                        case "--gateway-port" -> gatewayPort = port(name, value);
                        case "--postgres-port" -> postgresPort = port(name, value);
                        case "--kafka-port" -> kafkaPort = port(name, value);
                        case "--kafka-controller-port" -> controllerPort = port(name, value);
                        case "--timeout" -> timeout = Duration.ofSeconds(integer(name, value, 1, 3600));
                        case "--home" -> home = Path.of(value);
                        case "--state-dir" -> stateDir = Path.of(value);
                        case "--skip" -> {
                            for (String module : value.split(",")) {
                                if (!module.isBlank()) {
                                    skipped.add(module.trim());
                                }
                            }
                        }
                        case "--env" -> {
                            int split = value.indexOf('=');
                            if (split <= 0) {
                                throw new UsageException("--env needs NAME=VALUE, got '" + value + "'");
                            }
                            extraEnv.put(value.substring(0, split), value.substring(split + 1));
                        }
                        default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
                    }
                }
            }
        }

        if (home == null) {
            home = findHome(env, workingDir);
        }
        LocalStackOptions options = LocalStackOptions.defaults(home);
        try {
            if (stateDir != null) {
                options = options.withStateDir(stateDir);
            }
            if (offset != null) {
                options = options.withPortOffset(offset);
            }
            if (gatewayPort != null) {
                options = options.withGatewayPort(gatewayPort);
            }
            if (postgresPort != null) {
                options = options.withPostgresPort(postgresPort);
            }
            if (kafkaPort != null) {
                options = options.withKafkaPort(kafkaPort);
            }
            if (controllerPort != null) {
                options = options.withKafkaControllerPort(controllerPort);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--port-offset " + offset + " moves a port out of range: " + e.getMessage());
        }
        if (timeout != null) {
            options = options.withHealthTimeout(timeout);
        }
        options = options.withExtraServiceJvmArgs(env.get(LocalStackOptions.JVM_OPTS_VARIABLE));
        for (Map.Entry<String, String> variable : extraEnv.entrySet()) {
            options = options.withEnv(variable.getKey(), variable.getValue());
        }
        try {
            for (String module : skipped) {
                options = options.withSkipped(module);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--skip: " + e.getMessage());
        }
        return new Parsed(options.withFresh(fresh).withOnlyInfra(onlyInfra), help);
    }

    /**
     * The repository: {@code $LEDGERFLOW_HOME}, else the nearest directory at or above the working
     * directory holding {@code local-stack/pom.xml}, else the working directory.
     */
    static Path findHome(Map<String, String> env, Path workingDir) {
        String fromEnv = env.get("LEDGERFLOW_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path start = workingDir.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }

    private static int port(String option, String value) {
        return integer(option, value, 1, 65535);
    }

    private static int integer(String option, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }
}
