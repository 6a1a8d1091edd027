package io.ledgerflow.pong.service.game;

import io.ledgerflow.pong.service.runner.GameRunners;
import io.ledgerflow.pong.service.runner.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When the service starts, every game in the database that has not ended runs again: from its latest stored snapshot, or from frame 0
 * when none was stored yet (the same seed gives the same frames). Frames and inputs after that snapshot are lost, so
 * the game picks up at most {@code pong.snapshot-every-frames} frames back. One instance runs every game
 * ({@code pong.resume-on-start=false} turns this off): games are not yet spread over instances.
 */
@Component
public class GameResumer {

    private static final Logger log = LoggerFactory.getLogger(GameResumer.class);

    private final Games games;
    private final GameRunners runners;
    private final SnapshotStore snapshots;
    private final boolean enabled;

    GameResumer(
            Games games,
            GameRunners runners,
            SnapshotStore snapshots,
            @Value("${pong.resume-on-start:true}") boolean enabled) {
        this.games = games;
        this.runners = runners;
        this.snapshots = snapshots;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10) // after this instance's shard host started: its games may be placed on it
    void onStart() {
        if (enabled) {
            resumeAll();
        }
    }

    /** Runs every game that is not running here yet. */
    public void resumeAll() {
        for (Game game : games.running()) {
            try {
                snapshots
                        .latest(game.id())
                        .ifPresentOrElse(
                                snapshot -> runners.resume(game.id(), game.workspace(), game.shards(), snapshot),
                                () -> runners.start(
                                        game.id(), game.workspace(), game.maxPlayers(), game.balls(), game.shards()));
            } catch (RuntimeException e) {
                log.error("could not resume game {}", game.id(), e);
            }
        }
    }
}
