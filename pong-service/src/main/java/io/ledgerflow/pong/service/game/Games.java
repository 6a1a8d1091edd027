package io.ledgerflow.pong.service.game;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.pong.service.game.persistence.AdmissionLock;
import io.ledgerflow.pong.service.game.persistence.GameRepository;
import io.ledgerflow.service.problem.ConflictException;
import io.ledgerflow.service.problem.LimitExceededException;
import io.ledgerflow.service.problem.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The game use cases: each change of a game and its event commit in one transaction. */
@Service
public class Games {

    public static final String AGGREGATE = "game";

    /** A join: the player as stored, the game after the join and the token, shown only now. */
    public record Joined(Game game, Player player, String token) {}

    private final GameRepository repository;
    private final AdmissionLock admission;
    private final GameLimits limits;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    Games(GameRepository repository, AdmissionLock admission, GameLimits limits, Outbox outbox) {
        this.repository = repository;
        this.admission = admission;
        this.limits = limits;
        this.outbox = outbox;
    }

    /**
     * Creates a game, which runs until it is ended: 429 when the workspace already has its limit of running games.
     * Admissions of a workspace are serialised, so concurrent creates never overshoot the limit.
     */
    @Transactional
    public Game create(String workspace, String name, int maxPlayers, int balls, int shards) {
        admission.acquire(workspace);
        long running = repository.countByWorkspaceAndStatus(workspace, GameStatus.RUNNING);
        if (running >= limits.runningGamesPerWorkspace()) {
            throw new LimitExceededException("workspace " + workspace + " already runs " + running
                    + " games, its limit: end one (DELETE) before creating another");
        }
        Game game = repository.save(Game.create(workspace, name, maxPlayers, balls, shards, clock.instant()));
        outbox.append(Topics.Pong.GAME_EVENTS, AGGREGATE, game.id().toString(), workspace, game.created());
        return game;
    }

    @Transactional(readOnly = true)
    public Game get(String workspace, UUID id) {
        return repository.findByIdAndWorkspace(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    /** The game, if it exists in {@code workspace}. */
    @Transactional(readOnly = true)
    public Optional<Game> find(String workspace, UUID id) {
        return repository.findByIdAndWorkspace(id, workspace);
    }

    @Transactional(readOnly = true)
    public List<Game> list(String workspace, int page, int size) {
        return repository.findByWorkspaceOrderByCreatedAtAscIdAsc(workspace, PageRequest.of(page, size));
    }

    /** Every game not ended, of every workspace (the games this instance resumes when it starts). */
    @Transactional(readOnly = true)
    public List<Game> running() {
        return repository.findByStatus(GameStatus.RUNNING);
    }

    /**
     * Ends a game after frame {@code frame} with state hash {@code stateHash} (null when it ran nowhere here): it is
     * never simulated again, its players and history stay, {@code GameEnded} is published. Ending an ended game
     * changes nothing (DELETE is idempotent). Its snapshot is tombstoned on the game-snapshots topic.
     */
    @Transactional
    public Game end(String workspace, UUID id, Long frame, Long stateHash) {
        Game game = lock(workspace, id);
        if (game.isEnded()) {
            return game;
        }
        Game ended = repository.save(game.end(clock.instant(), frame, stateHash));
        outbox.append(Topics.Pong.GAME_EVENTS, AGGREGATE, id.toString(), workspace, ended.ended());
        outbox.appendTombstone(Topics.Pong.GAME_SNAPSHOTS, id.toString());
        return ended;
    }

    @Transactional(readOnly = true)
    public long count(String workspace) {
        return repository.countByWorkspace(workspace);
    }

    /** Takes a paddle in the game; 409 when every paddle is taken. */
    @Transactional
    public Joined join(String workspace, UUID id, String playerName) {
        Game game = lock(workspace, id);
        if (game.isEnded()) {
            throw new ConflictException("game " + id + " has ended");
        }
        if (game.isFull()) {
            throw new ConflictException("game " + id + " is full: all " + game.maxPlayers() + " paddles are taken");
        }
        String token = newToken();
        Player player = new Player(UUID.randomUUID(), playerName, game.freePaddle(), hash(token), clock.instant());
        Game joined = repository.save(game.join(player));
        outbox.append(Topics.Pong.GAME_EVENTS, AGGREGATE, id.toString(), workspace, joined.joined(player));
        return new Joined(joined, player, token);
    }

    /** The player of game {@code id} in {@code workspace} whose token this is, if any (the input stream's check). */
    @Transactional(readOnly = true)
    public Optional<Player> playerByToken(String workspace, UUID id, String token) {
        return repository.findByIdAndWorkspace(id, workspace).flatMap(game -> game.playerWithTokenHash(hash(token)));
    }

    /** Gives up a paddle; 404 when the player is not in the game. */
    @Transactional
    public Game leave(String workspace, UUID id, UUID playerId) {
        Game game = lock(workspace, id);
        if (game.player(playerId).isEmpty()) {
            throw new NotFoundException("player " + playerId + " is not in game " + id);
        }
        Game left = repository.save(game.leave(playerId));
        outbox.append(Topics.Pong.GAME_EVENTS, AGGREGATE, id.toString(), workspace, left.left(playerId));
        return left;
    }

    private Game lock(String workspace, UUID id) {
        return repository.findForUpdateByIdAndWorkspace(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static NotFoundException notFound(String workspace, UUID id) {
        return new NotFoundException("game " + id + " does not exist in workspace " + workspace);
    }
}
