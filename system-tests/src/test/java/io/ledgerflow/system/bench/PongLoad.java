package io.ledgerflow.system.bench;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.localstack.LocalStackOptions;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.JsonWebSocket;
import io.ledgerflow.testsupport.Tokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load harness for pong-service through the gateway, as a client sees it: a mid-game join over the WebSocket (connect,
 * the latest snapshot and the frames after it, caught up with the live game), the frame rate the stream delivers, and
 * the round trip of a player's input. Prints one JSON line per measurement.
 *
 * <pre>
 * java ... PongLoad [--gateway http://localhost:8080] [--balls 10000] [--shards 8] [--joins 15] [--snapshot-every 120]
 * </pre>
 *
 * Without {@code --gateway} it starts the whole local stack itself (fresh, in a temporary folder), with pong-service
 * snapshotting every {@code --snapshot-every} frames. Not a test: run it by hand (see docs/benchmarks.md).
 */
public final class PongLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String gateway = null;
        int balls = 10_000;
        int shards = 8;
        int joins = 15;
        String snapshotEvery = "120";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--balls" -> balls = Integer.parseInt(args[++i]);
                case "--shards" -> shards = Integer.parseInt(args[++i]);
                case "--joins" -> joins = Integer.parseInt(args[++i]);
                case "--snapshot-every" -> snapshotEvery = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        LocalStack stack = null;
        if (gateway == null) {
            Path home = Path.of(System.getProperty("ledgerflow.home", ".")).toAbsolutePath();
            stack = LocalStack.start(LocalStackOptions.defaults(home)
                    .withStateDir(Files.createTempDirectory("ledgerflow-pong-load"))
                    .withFresh(true)
                    .withPortOffset(13_000) // below the ephemeral port range (32768+)
                    .withEnv("RATE_LIMIT_ENABLED", "false")
                    .withEnv("AUTH_JWT_SECRET", Tokens.secret())
                    .withEnv("PONG_SNAPSHOT_EVERY_FRAMES", snapshotEvery)
                    .withServiceJvmArgs(List.of("-Xmx1g")));
            gateway = stack.endpoints().gatewayUrl();
        }
        try {
            run(gateway, balls, shards, joins);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static void run(String gateway, int balls, int shards, int joins) throws Exception {
        Http http = new Http(gateway);
        String games =
                "/api/pong/workspaces/load-" + UUID.randomUUID().toString().substring(0, 6) + "/games";
        Http.Response created = http.postJson(
                games, "{\"name\":\"load\",\"players\":64,\"balls\":" + balls + ",\"shards\":" + shards + "}");
        if (created.status() != 201) {
            throw new IllegalStateException(created.status() + " " + created.body());
        }
        String game = games + "/" + JSON.readTree(created.body()).get("id").asString();
        String stream = gateway.replaceFirst("^http", "ws") + game + "/stream";
        String token = JSON.readTree(
                        http.postJson(game + "/players", "{\"name\":\"load\"}").body())
                .get("token")
                .asString();

        double[] joinMs = new double[joins];
        double[] firstMs = new double[joins];
        long[] backlog = new long[joins];
        long previous = liveFrame(http, game);
        for (int j = 0; j < joins; j++) {
            // each join ~20 frames after the last, so they meet the game at different distances from its snapshot
            long after = previous + 20;
            long live = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> liveFrame(http, game), frame -> frame >= after);
            previous = live;
            long start = System.nanoTime();
            try (JsonWebSocket client = new JsonWebSocket(URI.create(stream))) {
                JsonNode first = client.next();
                firstMs[j] = (System.nanoTime() - start) / 1e6;
                long snapshotFrame = first.get("entry").get("frame").asLong();
                long frame = snapshotFrame;
                while (frame < live) {
                    frame = client.next().get("entry").get("frame").asLong();
                }
                joinMs[j] = (System.nanoTime() - start) / 1e6;
                backlog[j] = live - snapshotFrame;
            }
        }
        print(
                "{\"measure\":\"join\",\"balls\":%d,\"shards\":%d,\"joins\":%d,\"caughtUpP50Ms\":%.1f,"
                        + "\"caughtUpMaxMs\":%.1f,\"firstMessageP50Ms\":%.1f,\"framesBehindSnapshotP50\":%d}",
                balls,
                shards,
                joins,
                pct(joinMs, 50),
                Arrays.stream(joinMs).max().orElse(0),
                pct(firstMs, 50),
                backlog[backlog.length / 2]);

        try (JsonWebSocket player = new JsonWebSocket(URI.create(stream))) {
            player.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
            long frame = -1;
            for (JsonNode m = player.next(); !m.path("type").asString().equals("welcome"); m = player.next()) {
                frame = Math.max(frame, m.path("entry").path("frame").asLong(-1));
            }
            // frame rate as delivered
            long t0 = System.nanoTime();
            int frames = 0;
            while (System.nanoTime() - t0 < 5_000_000_000L) {
                JsonNode m = player.next();
                if (m.path("type").asString().equals("FrameCommitted")) {
                    frames++;
                    frame = m.get("entry").get("frame").asLong();
                }
            }
            double fps = frames / ((System.nanoTime() - t0) / 1e9);
            List<Double> roundTrips = new ArrayList<>();
            int corrected = 0;
            for (int i = 0; i < 40; i++) {
                long sent = System.nanoTime();
                player.send("{\"type\":\"input\",\"seq\":" + i + ",\"frame\":" + (frame + 2) + ",\"dir\":"
                        + (i % 2 == 0 ? 1 : -1) + "}");
                for (JsonNode m = player.next(); ; m = player.next()) {
                    if (m.path("type").asString().equals("FrameCommitted")) {
                        frame = m.get("entry").get("frame").asLong();
                    } else if (m.path("type").asString().equals("inputResult")
                            && m.get("seq").asInt() == i) {
                        roundTrips.add((System.nanoTime() - sent) / 1e6);
                        corrected += m.get("result").asString().equals("corrected") ? 1 : 0;
                        break;
                    }
                }
            }
            double[] rt = roundTrips.stream().mapToDouble(Double::doubleValue).toArray();
            print(
                    "{\"measure\":\"play\",\"deliveredFps\":%.1f,\"inputRoundTripP50Ms\":%.1f,"
                            + "\"inputRoundTripP99Ms\":%.1f,\"inputs\":%d,\"corrected\":%d}",
                    fps, pct(rt, 50), pct(rt, 99), rt.length, corrected);
        }
    }

    private static long liveFrame(Http http, String game) {
        return JSON.readTree(http.get(game).body()).get("frame").asLong();
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
