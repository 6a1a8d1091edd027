package io.ledgerflow.pong.service.game;

import io.ledgerflow.eventlog.DomainEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The events of a game, all keyed by the game id. */
public final class GameEvents {

    private GameEvents() {}

    /** A game was set up; nobody plays in it yet. */
    public record GameCreated(UUID gameId, String name, int maxPlayers, int balls, int shards) implements DomainEvent {}

    /** A player took a paddle; {@code playerCount} is the number of players after the join. */
    public record PlayerJoined(UUID gameId, UUID playerId, String name, int paddle, int playerCount)
            implements DomainEvent {}

    /** A player gave up their paddle; {@code playerCount} is the number of players after leaving. */
    public record PlayerLeft(UUID gameId, UUID playerId, int playerCount) implements DomainEvent {}

    /** The game was ended: its simulation stopped for good; its log (the frames topic) and players stay. */
    /** The game ended; {@code frame} and {@code stateHash} (optional, since v1 had none) say where. */
    public record GameEnded(
            UUID gameId,
            Instant endedAt,
            @Nullable Long frame,
            @Nullable Long stateHash) implements DomainEvent {}
}
