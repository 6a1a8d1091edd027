package io.ledgerflow.system.faults.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Pong game's frames topic: it starts with a snapshot; after each snapshot (a start or a resume) frames are
 * committed once each, in order, without gaps; a resume's snapshot is the state the log last recorded for its frame;
 * a frame committed again after a resume has the same digest when no input could have been lost; and replaying the
 * log reaches the live game's state hash.
 */
public final class PongChecker {

    static final String NAME = "pong";

    /** One entry of the frames topic: {@code Snapshot}, {@code FrameCommitted} or {@code Correction}. */
    public record Entry(String type, long frame, long stateHash) {}

    /**
     * A game after the run.
     *
     * @param inputs whether players sent inputs (a kill -9 may then lose inputs, so frames re-committed after a resume
     *     may differ: documented in pong-service's README)
     * @param liveFrame the frame the game reported, with {@code liveHash}
     * @param replayedHash the state hash of the log replayed up to {@code liveFrame} (null: the replay failed)
     */
    public record GameLog(
            String game,
            boolean inputs,
            List<Entry> entries,
            long liveFrame,
            long liveHash,
            Long replayedHash,
            String replayProblem) {}

    private PongChecker() {}

    public static List<Anomaly> check(GameLog log) {
        List<Anomaly> anomalies = new ArrayList<>();
        String game = log.game();
        if (log.entries().isEmpty() || !log.entries().getFirst().type().equals("Snapshot")) {
            anomalies.add(new Anomaly(NAME, game, "the log does not start with a snapshot"));
            return anomalies;
        }
        Map<Long, Long> latest = new HashMap<>(); // frame -> hash of the last entry for it
        Map<Long, Long> committed = new HashMap<>(); // frame -> first committed hash
        long head = -1;
        int segment = 0;
        for (Entry e : log.entries()) {
            switch (e.type()) {
                case "Snapshot" -> {
                    Long recorded = latest.get(e.frame());
                    if (recorded != null && recorded != e.stateHash() && !log.inputs()) {
                        anomalies.add(new Anomaly(
                                NAME,
                                game,
                                "snapshot of frame " + e.frame() + " has digest " + hex(e.stateHash())
                                        + ", the log recorded " + hex(recorded)));
                    }
                    if (e.frame() != head) {
                        segment++;
                    }
                    head = e.frame();
                }
                case "FrameCommitted" -> {
                    if (e.frame() != head + 1) {
                        anomalies.add(new Anomaly(
                                NAME,
                                game,
                                "frame " + e.frame() + " committed after frame " + head
                                        + " (segment " + segment + "): "
                                        + (e.frame() <= head ? "committed twice" : "a gap")));
                    }
                    Long first = committed.putIfAbsent(e.frame(), e.stateHash());
                    if (first != null && first != e.stateHash() && !log.inputs()) {
                        anomalies.add(new Anomaly(
                                NAME,
                                game,
                                "frame " + e.frame() + " committed with digests " + hex(first) + " and "
                                        + hex(e.stateHash())));
                    }
                    head = e.frame();
                }
                case "Correction" -> {
                    if (e.frame() != head) {
                        anomalies.add(new Anomaly(NAME, game, "correction of frame " + e.frame() + " at head " + head));
                    }
                }
                default -> anomalies.add(new Anomaly(NAME, game, "unknown entry " + e.type()));
            }
            latest.put(e.frame(), e.stateHash());
        }
        if (log.replayedHash() == null) {
            anomalies.add(new Anomaly(NAME, game, "the log does not replay: " + log.replayProblem()));
        } else if (log.replayedHash() != log.liveHash()) {
            anomalies.add(new Anomaly(
                    NAME,
                    game,
                    "the log replayed to frame " + log.liveFrame() + " gives " + hex(log.replayedHash())
                            + ", the live game " + hex(log.liveHash())));
        }
        return anomalies;
    }

    private static String hex(long hash) {
        return Long.toHexString(hash);
    }
}
