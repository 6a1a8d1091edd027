package io.ledgerflow.pong.service.game;

import io.ledgerflow.pong.service.game.GameEvents.GameCreated;
import io.ledgerflow.pong.service.game.GameEvents.GameEnded;
import io.ledgerflow.pong.service.game.GameEvents.PlayerJoined;
import io.ledgerflow.pong.service.game.GameEvents.PlayerLeft;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A game of a workspace: an arena for {@code maxPlayers} paddles and {@code balls} balls, simulated
 * by {@code shards} shards, and the players in it now. It runs until it is {@link #end ended}.
 * Immutable: a join, leave or end returns a new instance.
 *
 * @param endFrame the last frame the game committed, once ended (null if it did not run in this instance then)
 * @param endStateHash pong-core's state hash after {@code endFrame}
 * @param version optimistic-lock version managed by Spring Data JDBC; null until first saved
 */
@Table("game")
public record Game(
        @Id UUID id,
        String workspace,
        String name,
        int maxPlayers,
        int balls,
        int shards,
        Instant createdAt,
        GameStatus status,
        Instant endedAt,
        Long endFrame,
        Long endStateHash,
        @MappedCollection(idColumn = "game_id") Set<Player> players,
        @Version Long version) {

    public Game {
        players = Set.copyOf(players == null ? Set.of() : players);
    }

    public static Game create(String workspace, String name, int maxPlayers, int balls, int shards, Instant now) {
        return new Game(
                UUID.randomUUID(),
                workspace,
                name,
                maxPlayers,
                balls,
                shards,
                now,
                GameStatus.RUNNING,
                null,
                null,
                null,
                Set.of(),
                null);
    }

    public boolean isEnded() {
        return status == GameStatus.ENDED;
    }

    /**
     * The game ended at {@code now}, after frame {@code frame} with state hash {@code stateHash} (both null when no
     * runner had it): never simulated again; its players and history stay.
     */
    public Game end(Instant now, Long frame, Long stateHash) {
        if (isEnded()) {
            throw new IllegalStateException("game " + id + " has already ended");
        }
        return new Game(
                id,
                workspace,
                name,
                maxPlayers,
                balls,
                shards,
                createdAt,
                GameStatus.ENDED,
                now,
                frame,
                stateHash,
                players,
                version);
    }

    public GameEnded ended() {
        return new GameEnded(id, endedAt, endFrame, endStateHash);
    }

    public GameCreated created() {
        return new GameCreated(id, name, maxPlayers, balls, shards);
    }

    public boolean isFull() {
        return players.size() >= maxPlayers;
    }

    /** The lowest paddle no player steers; the caller checks {@link #isFull()} first. */
    public int freePaddle() {
        Set<Integer> taken = players.stream().map(Player::paddle).collect(Collectors.toSet());
        for (int paddle = 0; paddle < maxPlayers; paddle++) {
            if (!taken.contains(paddle)) {
                return paddle;
            }
        }
        throw new IllegalStateException("game " + id + " is full");
    }

    /** The player holding {@code token} (compared by its hash), if they are in the game. */
    public Optional<Player> playerWithTokenHash(String tokenHash) {
        return players.stream().filter(p -> p.tokenHash().equals(tokenHash)).findFirst();
    }

    /** The game with one more player; the caller checks {@link #isFull()} first. */
    public Game join(Player player) {
        if (isFull()) {
            throw new IllegalStateException("game " + id + " is full");
        }
        if (player.paddle() < 0
                || player.paddle() >= maxPlayers
                || players.stream().anyMatch(p -> p.paddle() == player.paddle())) {
            throw new IllegalStateException("paddle " + player.paddle() + " of game " + id + " is not free");
        }
        return with(Stream.concat(players.stream(), Stream.of(player)).collect(Collectors.toSet()));
    }

    public PlayerJoined joined(Player player) {
        return new PlayerJoined(id, player.playerId(), player.name(), player.paddle(), players.size());
    }

    public Optional<Player> player(UUID playerId) {
        return players.stream().filter(p -> p.playerId().equals(playerId)).findFirst();
    }

    public Game leave(UUID playerId) {
        return with(players.stream().filter(p -> !p.playerId().equals(playerId)).collect(Collectors.toSet()));
    }

    public PlayerLeft left(UUID playerId) {
        return new PlayerLeft(id, playerId, players.size());
    }

    /** The players, first joined first. */
    public List<Player> playersInOrder() {
        return players.stream()
                .sorted(Comparator.comparing(Player::joinedAt).thenComparing(Player::playerId))
                .toList();
    }

    private Game with(Set<Player> newPlayers) {
        return new Game(
                id,
                workspace,
                name,
                maxPlayers,
                balls,
                shards,
                createdAt,
                status,
                endedAt,
                endFrame,
                endStateHash,
                newPlayers,
                version);
    }
}
