package io.ledgerflow.pong.service.game.web;

import io.ledgerflow.pong.service.game.Game;
import io.ledgerflow.pong.service.game.Games;
import io.ledgerflow.pong.service.game.Player;
import io.ledgerflow.pong.service.runner.GameRunners;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Games",
        description = "Pong games of a workspace and the players in them. Each game also has a WebSocket,"
                + " /api/pong/workspaces/{workspace}/games/{id}/stream: the server sends the latest Snapshot and every"
                + " log entry after it ({\"type\",\"gameId\",\"entry\"}: Snapshot, FrameCommitted, Correction); a"
                + " client sends {\"type\":\"hello\",\"token\"} with the token the join returned, then"
                + " {\"type\":\"input\",\"frame\",\"dir\":-1|0|1} to steer its paddle (answered with"
                + " inputResult: accepted, duplicate, corrected or refused with a reason), or {\"type\":\"ping\",\"t\"};"
                + " a bad message is answered with {\"type\":\"error\",\"status\",\"title\",\"detail\"}. A browser"
                + " page that plays it: /api/pong/play?workspace={workspace}.")
@RestController
@RequestMapping("/api/pong/workspaces/{workspace}/games")
class GameController {

    @Schema(description = "A new game: how many paddles and balls, and how many shards simulate it")
    record CreateGame(
            @Schema(description = "Display name", example = "Friday lunch") @NotBlank @Size(max = 200)
            String name,

            @Schema(description = "Paddles, 2 to 64", example = "4") @NotNull @Min(2) @Max(64)
            Integer players,

            @Schema(description = "Balls, 1 to 50000", example = "1000") @NotNull @Min(1) @Max(50000)
            Integer balls,

            @Schema(description = "Shards simulating the arena, 1 to 16", example = "8") @NotNull @Min(1) @Max(16)
            Integer shards) {}

    @Schema(description = "Who joins")
    record JoinGame(
            @Schema(example = "ada") @NotBlank @Size(max = 100)
            String name) {}

    @Schema(description = "A player in a game")
    record PlayerView(
            @Schema(example = "5b1f4c7e-2d3a-4e8b-9f10-6a7b8c9d0e1f")
            UUID id,

            @Schema(example = "ada") String name,

            @Schema(description = "The paddle this player steers (0 to maxPlayers - 1)", example = "1")
            int paddle,

            Instant joinedAt) {

        static PlayerView of(Player player) {
            return new PlayerView(player.playerId(), player.name(), player.paddle(), player.joinedAt());
        }
    }

    @Schema(description = "A game of a workspace")
    record GameView(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f")
            UUID id,

            @Schema(example = "acme") String workspace,
            @Schema(example = "Friday lunch") String name,
            @Schema(description = "Paddles", example = "4") int maxPlayers,
            @Schema(example = "1000") int balls,
            @Schema(example = "8") int shards,
            Instant createdAt,

            @Schema(description = "Players in the game now, first joined first")
            List<PlayerView> players,

            @Schema(
                    description = "Last committed frame, when the game runs in this instance; once ended, the"
                            + " frame it ended at",
                    example = "1234")
            Long frame,

            @Schema(description = "pong-core's 64-bit state hash after that frame, in hex")
            String stateHash,

            @Schema(
                    description = "running; paused (no client watched it for pong.idle-pause: not stepped until a"
                            + " client connects to its stream); ended (by DELETE: never stepped again, its history"
                            + " stays)",
                    allowableValues = {"running", "paused", "ended"},
                    example = "running")
            String status,

            @Schema(description = "When the game was ended; absent while it runs")
            Instant endedAt) {

        static GameView of(Game game) {
            return of(game, null);
        }

        static GameView of(Game game, GameRunners.Live live) {
            return new GameView(
                    game.id(),
                    game.workspace(),
                    game.name(),
                    game.maxPlayers(),
                    game.balls(),
                    game.shards(),
                    game.createdAt(),
                    game.playersInOrder().stream().map(PlayerView::of).toList(),
                    live != null ? Long.valueOf(live.frame()) : game.endFrame(),
                    live != null
                            ? Long.toHexString(live.stateHash())
                            : game.endStateHash() == null ? null : Long.toHexString(game.endStateHash()),
                    status(game, live),
                    game.endedAt());
        }

        private static String status(Game game, GameRunners.Live live) {
            if (game.isEnded()) {
                return "ended";
            }
            return live != null && live.paused() ? "paused" : "running";
        }
    }

    @Schema(description = "One page of games")
    record GamePage(List<GameView> items, int page, int size, long total) {}

    @Schema(description = "The paddle taken: the player and their token")
    record JoinedView(
            @Schema(example = "5b1f4c7e-2d3a-4e8b-9f10-6a7b8c9d0e1f")
            UUID playerId,

            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f")
            UUID gameId,

            @Schema(
                    description = "The player's secret; shown only in this response (only its hash is kept)",
                    example = "q3Zt0Yl2e1m0b4Xy8wWv7uUt6sSr5qQp4oOn3mMl2kK")
            String token,

            @Schema(description = "The paddle taken: the lowest free one (0 to maxPlayers - 1)", example = "1")
            int paddle,

            @Schema(description = "Players in the game after the join", example = "2")
            int playerCount) {}

    private final Games games;
    private final GameRunners runners;

    GameController(Games games, GameRunners runners) {
        this.games = games;
        this.runners = runners;
    }

    @Operation(
            summary = "Create a game",
            description = "The game runs until it is ended (DELETE). Limits (pong.limits): running games per workspace"
                    + " (429 when the workspace has as many), the instance's ball budget over all games not ended (422"
                    + " when this game's balls alone exceed it, 429 when they do not fit in what is left).")
    @ApiResponse(responseCode = "201", description = "Created; it runs from now on")
    @ApiResponse(
            responseCode = "422",
            description = "More balls than the instance's whole ball budget",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "429",
            description =
                    "The workspace runs its limit of games, or the balls do not fit in the instance's budget left",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping
    ResponseEntity<GameView> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateGame request) {
        Game game;
        try (GameRunners.Reservation balls = runners.reserve(request.balls())) {
            game = games.create(workspace, request.name(), request.players(), request.balls(), request.shards());
            runners.start(game.id(), workspace, game.maxPlayers(), game.balls(), game.shards(), balls);
        }
        return ResponseEntity.created(URI.create(path(workspace, game.id()))).body(GameView.of(game));
    }

    @Operation(summary = "List the workspace's games, oldest first")
    @GetMapping
    GamePage list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<GameView> items = games.list(workspace, page, size).stream()
                .map(game -> GameView.of(game, runners.live(game.id()).orElse(null)))
                .toList();
        return new GamePage(items, page, size, games.count(workspace));
    }

    @Operation(summary = "Get a game and its players")
    @GetMapping("/{id}")
    GameView get(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return GameView.of(games.get(workspace, id), runners.live(id).orElse(null));
    }

    @Operation(
            summary = "End a game",
            description = "Its simulation stops for good; clients of its stream get {\"type\":\"ended\",\"gameId\","
                    + "\"frame\",\"stateHash\"} and the connection closes (1000, game ended); GameEnded is published."
                    + " The game, its players and its log stay readable (status ended) and it is not resumed when the"
                    + " service restarts. Ending an ended game changes nothing (204).")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(
            responseCode = "404",
            description = "No such game in this workspace",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        games.get(workspace, id); // 404 for a game of another workspace before anything stops
        // the runner stops first, so the game's row records the frame and hash it ended at
        Optional<GameRunners.Ended> last = runners.end(id);
        games.end(
                workspace,
                id,
                last.map(GameRunners.Ended::frame).orElse(null),
                last.map(GameRunners.Ended::stateHash).orElse(null));
    }

    @Operation(summary = "Join a game as a player (409 when every paddle is taken or the game has ended)")
    @PostMapping("/{id}/players")
    ResponseEntity<JoinedView> join(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Valid @RequestBody JoinGame request) {
        Games.Joined joined = games.join(workspace, id, request.name());
        return ResponseEntity.created(URI.create(
                        path(workspace, id) + "/players/" + joined.player().playerId()))
                .body(new JoinedView(
                        joined.player().playerId(),
                        id,
                        joined.token(),
                        joined.player().paddle(),
                        joined.game().players().size()));
    }

    @Operation(summary = "Leave a game")
    @DeleteMapping("/{id}/players/{playerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable UUID playerId) {
        games.leave(workspace, id, playerId);
    }

    private static String path(String workspace, UUID id) {
        return "/api/pong/workspaces/" + workspace + "/games/" + id;
    }
}
