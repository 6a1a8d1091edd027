package io.ledgerflow.pong.service.bench;

import io.ledgerflow.pong.PongGame;
import io.ledgerflow.pong.commit.Coordinator;
import io.ledgerflow.pong.commit.ProtocolThread;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import io.ledgerflow.pong.service.shards.KafkaConnection;
import io.ledgerflow.pong.service.shards.ShardMessageBus;
import io.ledgerflow.pong.shard.RealTimeCluster;
import io.ledgerflow.pong.shard.ShardHost;
import io.ledgerflow.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Frames of one game whose shards are split over two processes talking through Kafka (two {@link ShardMessageBus}es
 * on an embedded KRaft broker in this JVM), against the same game in process, in the same run. Prints markdown rows.
 *
 * <pre>
 * java ... ShardsOverKafkaLoad [balls] [shards] [frames]     (defaults 10000 8 300)
 * </pre>
 */
public final class ShardsOverKafkaLoad {

    public static void main(String[] args) throws Exception {
        int balls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ShardMessageBus.TOPIC, 6, (short) 1)))
                    .all()
                    .get();
        }
        GameConfig config = GameConfig.of(64, balls, 1);
        PongGame.Options options = PongGame.Options.shards(shards);
        String gameId = UUID.randomUUID().toString();
        try (ShardMessageBus first = new ShardMessageBus(KafkaConnection.of(bootstrap));
                ShardMessageBus second = new ShardMessageBus(KafkaConnection.of(bootstrap));
                ProtocolThread firstProcess = new ProtocolThread("first");
                ProtocolThread secondProcess = new ProtocolThread("second")) {
            int[] firstHalf = java.util.stream.IntStream.range(0, shards / 2).toArray();
            int[] secondHalf =
                    java.util.stream.IntStream.range(shards / 2, shards).toArray();
            PongGame overKafka = PongGame.overCluster(config, options, new InMemoryFrameLog(), layout -> {
                new ShardHost(
                        config.arena(), layout, 0, firstHalf, first.transport(gameId, firstProcess), firstProcess);
                new ShardHost(
                        config.arena(), layout, 0, secondHalf, second.transport(gameId, secondProcess), secondProcess);
                return new RealTimeCluster(
                        shards,
                        first.transport(gameId, firstProcess),
                        firstProcess,
                        new Coordinator.Options(1_000, 5),
                        Duration.ofSeconds(20));
            });
            PongGame inProcess = PongGame.create(config, options, new InMemoryFrameLog());
            double[] kafka = run(overKafka, frames);
            double[] local = run(inProcess, frames);
            if (overKafka.stateHash() != inProcess.stateHash()) {
                throw new IllegalStateException("the games diverged");
            }
            long messages = first.sent() + second.sent();
            System.out.println(
                    "| shards in | balls | shards | frames | fps (unpaced) | p50 commit ms | p99 commit ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            row("one process (virtual clock)", balls, shards, local);
            row("two processes over Kafka", balls, shards, kafka);
            System.out.printf(
                    Locale.ROOT, "%n%.0f protocol messages per frame over Kafka%n", messages / (double) (frames + 60));
        }
        System.exit(0); // the embedded broker's threads
    }

    private static double[] run(PongGame game, int frames) {
        for (int i = 0; i < 60; i++) {
            game.nextFrame(); // warm-up
        }
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            if (!(game.nextFrame() instanceof PongGame.FrameOutcome.Committed)) {
                throw new IllegalStateException("frame failed");
            }
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        return t;
    }

    private static void row(String where, int balls, int shards, double[] t) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %d | %d | %.0f | %.2f | %.2f |%n",
                where,
                balls,
                shards,
                t.length,
                1000.0 / Arrays.stream(t).average().orElse(1),
                sorted[sorted.length / 2],
                sorted[(int) Math.ceil(0.99 * sorted.length) - 1]);
    }
}
