package io.ledgerflow.pong.service.runner;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest snapshot of each game, in table {@code game_snapshot}: where a game resumes after a restart. A game's
 * thread only {@link #offer}s a snapshot; one writer thread stores it, and a newer snapshot of the same game replaces
 * one still waiting, so a slow database costs skipped snapshots, never frames. The same transaction puts it on the
 * compacted topic {@code game-snapshots} through the outbox, only while the game runs (it holds the game's row
 * shared, so an end waits, and its tombstone comes after the last snapshot).
 */
@Component
public class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ConcurrentHashMap<UUID, FrameMessage> waiting = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("pong-snapshot-writer").daemon().unstarted(r));

    SnapshotStore(JdbcClient jdbc, Outbox outbox, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Called on a game's thread: never blocks. Takes the snapshot as its {@link FrameMessage}, whose JSON the frames
     * topic shares: a snapshot of thousands of balls is rendered once for both.
     */
    public void offer(UUID game, FrameMessage snapshot) {
        if (!(snapshot.entry() instanceof Snapshot)) {
            throw new IllegalArgumentException(
                    "not a snapshot: " + snapshot.entry().getClass().getSimpleName());
        }
        if (waiting.put(game, snapshot) == null) {
            writer.execute(() -> write(game));
        }
    }

    public Optional<Snapshot> latest(UUID game) {
        return jdbc.sql("select snapshot::text from game_snapshot where game_id = ?")
                .param(game)
                .query(String.class)
                .optional()
                .map(json -> JSON.readValue(json, Snapshot.class));
    }

    private void write(UUID game) {
        FrameMessage message = waiting.remove(game);
        if (message == null) {
            return;
        }
        Snapshot snapshot = (Snapshot) message.entry();
        try {
            transactions.executeWithoutResult(status -> store(game, snapshot, message.json()));
        } catch (RuntimeException e) {
            log.warn("could not store the snapshot of frame {} of game {}", snapshot.frame(), game, e);
        }
    }

    private void store(UUID game, Snapshot snapshot, String json) {
        Optional<String> workspace = jdbc.sql(
                        "select workspace from game where id = ? and status = 'RUNNING' for share")
                .param(game)
                .query(String.class)
                .optional();
        int stored = jdbc.sql("""
                        insert into game_snapshot (game_id, frame, state_hash, snapshot, taken_at)
                        values (?, ?, ?, (?::jsonb) -> 'entry', now())
                        on conflict (game_id) do update
                           set frame = excluded.frame, state_hash = excluded.state_hash,
                               snapshot = excluded.snapshot, taken_at = excluded.taken_at
                         where game_snapshot.frame < excluded.frame""")
                .params(game, snapshot.frame(), snapshot.stateHash(), json)
                .update();
        if (stored == 1 && workspace.isPresent()) {
            outbox.append(
                    Topics.Pong.GAME_SNAPSHOTS,
                    "game",
                    game.toString(),
                    workspace.get(),
                    new GameSnapshotTaken(game, snapshot.frame(), snapshot.stateHash(), snapshot));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
