package io.ledgerflow.pong.service.game;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A player in a game (part of the {@link Game} aggregate).
 *
 * @param paddle the paddle this player steers: pong-core's player index, 0 to the game's paddles - 1
 * @param tokenHash SHA-256 of the player's token, hex; the token itself is never stored
 */
@Table("game_player")
public record Player(UUID playerId, String name, int paddle, String tokenHash, Instant joinedAt) {}
