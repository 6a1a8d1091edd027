package io.ledgerflow.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in this JVM: one node in KRaft combined mode (broker and controller), its
 * log directory kept across restarts. The directory is formatted (with {@link StorageTool}) only
 * the first time; the cluster id is kept next to it so a re-format after a partial wipe reuses it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final String clusterId;

    private KafkaBroker(KafkaRaftServer server, int port, String clusterId) {
        this.server = server;
        this.port = port;
        this.clusterId = clusterId;
    }

    /**
     * Formats {@code logDir} if it is not formatted yet, starts the broker on {@code port} (clients)
     * and {@code controllerPort} (KRaft), and returns once the broker answers a metadata request.
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort) {
        Map<String, String> config = config(logDir, port, controllerPort);
        String clusterId = formatIfNeeded(logDir, config);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, port, clusterId);
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalStateException("Kafka did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The broker configuration: single node, replication factor 1 everywhere, data kept forever. */
    static Map<String, String> config(Path logDir, int port, int controllerPort) {
        Map<String, String> config = new TreeMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toAbsolutePath().toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "true");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Local data is the point of a restart: never delete records by age or size.
        config.put("log.retention.ms", "-1");
        config.put("log.retention.bytes", "-1");
        // A laptop broker: few threads, small segments so a long-lived data dir stays tidy.
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("num.recovery.threads.per.data.dir", "1");
        config.put("background.threads", "2");
        config.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // The compaction buffer defaults to 128 MiB of heap: far more than a local broker needs.
        config.put("log.cleaner.threads", "1");
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return config;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public String clusterId() {
        return clusterId;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve("meta.properties"));
    }

    /** Formats the log directory unless {@code meta.properties} is there; returns the cluster id. */
    static String formatIfNeeded(Path logDir, Map<String, String> config) {
        Path clusterIdFile = logDir.resolveSibling(logDir.getFileName() + "-cluster-id");
        try {
            Files.createDirectories(logDir);
            String clusterId = Files.exists(clusterIdFile)
                    ? Files.readString(clusterIdFile).trim()
                    : null;
            if (clusterId == null || clusterId.isEmpty()) {
                clusterId = Uuid.randomUuid().toString();
                Files.writeString(clusterIdFile, clusterId + System.lineSeparator());
            }
            if (isFormatted(logDir)) {
                return clusterId;
            }
            Path configFile = logDir.resolveSibling(logDir.getFileName() + "-format.properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (Writer writer = Files.newBufferedWriter(configFile)) {
                properties.store(writer, "Written by the Ledgerflow local stack to format the Kafka log directory");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(
                        new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId}, out);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "formatting the Kafka log directory " + logDir + " failed: " + e.getMessage() + " "
                                + output.toString(StandardCharsets.UTF_8),
                        e);
            }
            if (exitCode != 0 || !isFormatted(logDir)) {
                throw new IllegalStateException("formatting the Kafka log directory " + logDir + " failed (exit "
                        + exitCode + "): " + output.toString(StandardCharsets.UTF_8));
            }
            return clusterId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
        }
    }

    private void awaitReady() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker reports no nodes");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // Already failing; the original error is the one to report.
        }
    }
}
