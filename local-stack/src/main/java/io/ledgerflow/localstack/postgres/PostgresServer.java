package io.ledgerflow.localstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (the zonky binaries) whose data directory outlives it: a restart on the
 * same directory finds every database, user and row again. Service users authenticate with a
 * password (SCRAM); only the {@code postgres} superuser, which the launcher uses to provision, is
 * trusted on the loopback interface.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final String PG_HBA = """
            # Written by the Ledgerflow local stack on every start; edits are overwritten.
            # The superuser (used by the launcher to provision) is trusted on this machine only;
            # every service user must present its password (see credentials.properties).
            local   all   postgres                  trust
            host    all   postgres   127.0.0.1/32   trust
            host    all   postgres   ::1/128        trust
            local   all   all                       scram-sha-256
            host    all   all        127.0.0.1/32   scram-sha-256
            host    all   all        ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDir}: initialised on first use,
     * reused afterwards. Server output is appended to {@code logFile}.
     */
    public static PostgresServer start(Path dataDir, Path binariesDir, int port, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binariesDir);
            removeHalfUnpackedBinaries(binariesDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            PostgresServer server = new PostgresServer(postgres, dataDir, port);
            server.requirePasswords();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "PostgreSQL did not start on port " + port + " (data " + dataDir + "); see " + logFile, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * Creates, if missing, one user and one database per name, the user owning its database and
     * its {@code public} schema, and no other user allowed to connect to it. Sets each user's
     * password to the one in {@code credentials} (so the file and the server always agree).
     */
    public void provision(List<String> databases, Credentials credentials) {
        try (Connection admin = superuser("postgres")) {
            for (String name : databases) {
                requireIdentifier(name);
                String password = credentials.password(name);
                if (!Credentials.SAFE.matcher(password).matches()) {
                    throw new IllegalStateException("unsafe password for " + name);
                }
                try (Statement statement = admin.createStatement()) {
                    String role = exists(admin, "select 1 from pg_roles where rolname = ?", name) ? "alter" : "create";
                    statement.execute(role + " role \"" + name + "\" with login password '" + password + "'");
                    if (!exists(admin, "select 1 from pg_database where datname = ?", name)) {
                        statement.execute("create database \"" + name + "\" owner \"" + name + "\"");
                    }
                    statement.execute("revoke all on database \"" + name + "\" from public");
                    statement.execute("grant all on database \"" + name + "\" to \"" + name + "\"");
                }
                try (Connection database = superuser(name);
                        Statement statement = database.createStatement()) {
                    statement.execute("alter schema public owner to \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the service databases: " + e.getMessage(), e);
        }
    }

    /** The PID of the running postmaster, read from {@code postmaster.pid}. */
    public Optional<Long> postmasterPid() {
        return postmasterPid(dataDir);
    }

    /** The postmaster and its backends, for memory accounting. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        postmasterPid().flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            processes.add(postmaster);
            try (Stream<ProcessHandle> descendants = postmaster.descendants()) {
                descendants.forEach(processes::add);
            }
        });
        return processes;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * Stops a postmaster left running on {@code dataDir} by a launcher that died without cleaning
     * up (kill -9): a fast shutdown (SIGINT), then SIGKILL after a grace period.
     *
     * @return whether one was found and stopped
     */
    public static boolean stopStale(Path dataDir) {
        Optional<ProcessHandle> stale = postmasterPid(dataDir)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("/postgres") || command.endsWith("postgres.exe"))
                        .orElse(false));
        if (stale.isEmpty()) {
            return false;
        }
        ProcessHandle postmaster = stale.get();
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            postmaster.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    /**
     * Deletes binaries whose unpacking was interrupted (no {@code .exists} marker): zonky would fail
     * on the files already there. Safe: the caller holds the state directory's lock.
     */
    static void removeHalfUnpackedBinaries(Path binariesDir) throws IOException {
        try (Stream<Path> children = Files.list(binariesDir)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                if (dir.getFileName().toString().startsWith("PG-") && !Files.exists(dir.resolve(".exists"))) {
                    try (Stream<Path> paths = Files.walk(dir)) {
                        for (Path path : paths.sorted(java.util.Comparator.reverseOrder())
                                .toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        }
    }

    static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Replaces initdb's "trust everyone" with password authentication for every service user. */
    private void requirePasswords() {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA);
            try (Connection admin = superuser("postgres");
                    Statement statement = admin.createStatement()) {
                statement.execute("select pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reload PostgreSQL's configuration: " + e.getMessage(), e);
        }
    }

    private Connection superuser(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
    }
}
