package io.ledgerflow.system.faults;

import io.ledgerflow.pong.log.GameReplica;
import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.system.faults.check.PongChecker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** A Pong game of the run: its stream client, and at the end its frames topic read back and replayed. */
record Game(String id, boolean inputs, PongStream stream, String kafka, String workspace) {

    /** pong-service's frames topic (event-log's {@code Topics.Pong}), keyed by game. */
    static final String FRAMES = "ledgerflow.pong.game-frames.v1";

    /** Ends the game, takes the {@code ended} message's frame and hash, and replays the game's whole log to it. */
    PongChecker.GameLog finish(Api api, History history) throws InterruptedException {
        String path = "/api/pong/workspaces/" + workspace + "/games/" + id;
        // DELETE until the stream reports the end: a first one may time out on a loaded machine
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (stream.ended() == null && System.nanoTime() < deadline) {
            api.send("DELETE", path, "", null);
            long wait = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (stream.ended() == null && System.nanoTime() < wait) {
                FaultRun.sleepQuietly(Duration.ofMillis(200));
            }
        }
        JsonNode ended = stream.ended();
        stream.stop();
        if (ended == null) {
            return new PongChecker.GameLog(id, inputs, List.of(), -1, 0, null, "the game never reported its end");
        }
        // A client that (re)connected after the end gets the frame and hash the game's row recorded; the game's read
        // gives them too. Neither has them when the game ended while no instance ran it (DELETE during a restart):
        // then the log is still checked, but not against a live state nobody saw.
        JsonNode where = ended.hasNonNull("stateHash") ? ended : api.get(path).body();
        boolean known = where != null && where.hasNonNull("stateHash");
        List<JsonNode> messages = read();
        List<PongChecker.Entry> entries = new ArrayList<>();
        for (JsonNode message : messages) {
            JsonNode entry = message.path("entry");
            entries.add(new PongChecker.Entry(
                    message.path("type").asString(),
                    entry.path("frame").asLong(),
                    entry.path("stateHash").asLong()));
        }
        long frame = known ? where.path("frame").asLong() : -1;
        long hash = known ? parseHash(where.path("stateHash")) : 0;
        Long replayed = null;
        String problem = null;
        try {
            GameReplica replica = replay(messages);
            if (!known) {
                System.out.println("[faults] game " + id + " ended while no instance ran it: its log is checked for"
                        + " gaps, doubles and a replay, not against a live state");
                frame = replica.state().frame();
                hash = replica.state().hash();
                replayed = hash;
            } else if (replica.state().frame() != frame) {
                problem = "the log ends at frame " + replica.state().frame() + ", the game at " + frame;
            } else {
                replayed = replica.state().hash();
            }
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        return new PongChecker.GameLog(id, inputs, entries, frame, hash, replayed, problem);
    }

    private static GameReplica replay(List<JsonNode> messages) {
        io.ledgerflow.pong.log.InMemoryFrameLog log = new io.ledgerflow.pong.log.InMemoryFrameLog();
        for (JsonNode message : messages) {
            Class<? extends LogEntry> type = switch (message.path("type").asString()) {
                case "Snapshot" -> LogEntry.Snapshot.class;
                case "FrameCommitted" -> LogEntry.FrameCommitted.class;
                case "Correction" -> LogEntry.Correction.class;
                default -> throw new IllegalStateException("unknown entry " + message);
            };
            log.append(Api.JSON.treeToValue(message.path("entry"), type));
        }
        return GameReplica.fromStart(log);
    }

    private static long parseHash(JsonNode hash) {
        return hash.isNumber() ? hash.asLong() : Long.parseUnsignedLong(hash.asString(), 16);
    }

    /** Every message of this game on the frames topic, from the beginning to the current end, in log order. */
    private List<JsonNode> read() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ConsumerConfig.GROUP_ID_CONFIG,
                "faults-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FRAMES, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(FRAMES, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + FRAMES + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (id.equals(record.key())) {
                        found.add(Api.JSON.readTree(record.value()));
                    }
                });
            }
        }
        return found;
    }
}
