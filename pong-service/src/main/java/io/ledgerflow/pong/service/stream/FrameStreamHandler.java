package io.ledgerflow.pong.service.stream;

import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.service.game.Game;
import io.ledgerflow.pong.service.game.Games;
import io.ledgerflow.pong.service.game.Player;
import io.ledgerflow.pong.service.runner.FrameMessage;
import io.ledgerflow.pong.service.runner.GameRunners;
import io.ledgerflow.pong.warp.InputResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/pong/workspaces/{workspace}/games/{id}/stream}: sends the game's latest snapshot and the entries after
 * it, then every new entry, each as {@code {"type","gameId","entry"}} (the frames topic's shape). A player who says
 * {@code hello} with their token steers their paddle with {@code input} messages; anyone may {@code ping}. Every
 * client message gets a reply; a bad one gets an {@code error} with RFC 9457's fields and the connection stays open.
 * The protocol is described in the module README.
 */
class FrameStreamHandler extends TextWebSocketHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LISTENER = "pong.listener";
    private static final String GAME = "pong.game";
    private static final String WORKSPACE = "pong.workspace";
    private static final String OUT = "pong.out";
    private static final String PLAYER = "pong.player";
    private static final String BUDGET = "pong.inputBudget";
    /** How the server closes a stream whose game ended (after an {@code ended} message). */
    static final CloseStatus GAME_ENDED = CloseStatus.NORMAL.withReason("game ended");

    /**
     * Inputs a connection may send: a burst of {@link #BURST}, refilled at {@link #PER_SECOND} a second — far above
     * what keys produce, and a bound on what one client can make the game's thread do.
     */
    static final int BURST = 60;

    static final int PER_SECOND = 30;

    /** A token bucket per connection (used on the connection's own thread only). */
    private static final class InputBudget {
        private double tokens = BURST;
        private long refilledAt = System.nanoTime();

        boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(BURST, tokens + (now - refilledAt) * PER_SECOND / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }

    /** A client message the server cannot act on: sent back as an error, the connection stays open. */
    private static final class BadMessage extends Exception {
        final int status;
        final String title;

        BadMessage(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }

    private final GameRunners runners;
    private final Games games;

    FrameStreamHandler(GameRunners runners, Games games) {
        this.runners = runners;
        this.games = games;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(
                raw, 2_000, 8 * 1024 * 1024, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        raw.getAttributes().put(OUT, session);
        Optional<UUID> id = gameId(raw);
        if (id.isEmpty()) {
            send(session, error(400, "Malformed stream address", "no game id in " + raw.getUri()));
            session.close(CloseStatus.BAD_DATA);
            return;
        }
        String game = id.get().toString();
        // the game thread waits for the backlog to go out first, so entries arrive in log order
        GameRunners.Watcher watcher = new GameRunners.Watcher() {
            @Override
            public void accept(FrameMessage message) {
                sendText(session, message.json());
            }

            @Override
            public void ended(GameRunners.Ended ended) {
                send(session, endedMessage(ended.gameId(), ended.frame(), Long.toHexString(ended.stateHash())));
                close(session, GAME_ENDED);
            }
        };
        synchronized (session) {
            Optional<List<FrameMessage>> backlog = runners.subscribe(workspace(raw), id.get(), watcher);
            if (backlog.isEmpty()) {
                Optional<Game> ended = games.find(workspace(raw), id.get()).filter(Game::isEnded);
                if (ended.isPresent()) {
                    Long hash = ended.get().endStateHash();
                    send(
                            session,
                            endedMessage(
                                    id.get(), ended.get().endFrame(), hash == null ? null : Long.toHexString(hash)));
                    session.close(GAME_ENDED);
                    return;
                }
                send(
                        session,
                        error(
                                404,
                                "Game not found",
                                "game " + game + " of workspace " + workspace(raw)
                                        + " is not running in this instance"));
                session.close(CloseStatus.POLICY_VIOLATION);
                return;
            }
            raw.getAttributes().put(LISTENER, watcher);
            raw.getAttributes().put(GAME, id.get());
            raw.getAttributes().put(WORKSPACE, workspace(raw));
            backlog.get().forEach(message -> sendText(session, message.json()));
        }
    }

    /** The last message of a game's stream: {@code {"type":"ended","gameId","frame"?,"stateHash"?}}. */
    private static Map<String, Object> endedMessage(UUID gameId, Long frame, String stateHash) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "ended");
        message.put("gameId", gameId);
        if (frame != null) {
            message.put("frame", frame);
            message.put("stateHash", stateHash);
        }
        return message;
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        WebSocketSession session = (WebSocketSession) raw.getAttributes().get(OUT);
        try {
            JsonNode json = parse(message.getPayload());
            switch (text(json, "type")) {
                case "hello" -> hello(raw, session, json);
                case "input" -> input(raw, session, json);
                case "ping" -> send(session, Map.of("type", "pong", "t", json.path("t")));
                default ->
                    throw new BadMessage(
                            400,
                            "Unknown message type",
                            "type must be one of hello, input, ping; was '" + text(json, "type") + "'");
            }
        } catch (BadMessage bad) {
            send(session, error(bad.status, bad.title, bad.getMessage()));
        }
    }

    /** {@code {"type":"hello","token"}}: the token's player steers their paddle over this connection. */
    private void hello(WebSocketSession raw, WebSocketSession session, JsonNode json) throws BadMessage {
        String token = text(json, "token");
        if (token.isBlank()) {
            throw new BadMessage(400, "Missing token", "hello needs the player token the join returned");
        }
        Player player = games.playerByToken(
                        (String) raw.getAttributes().get(WORKSPACE),
                        (UUID) raw.getAttributes().get(GAME),
                        token)
                .orElseThrow(() -> new BadMessage(
                        401, "Unknown player token", "the token is not the token of a player in this game"));
        raw.getAttributes().put(PLAYER, player);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "welcome");
        welcome.put("playerId", player.playerId());
        welcome.put("paddle", player.paddle());
        send(session, welcome);
    }

    /**
     * {@code {"type":"input","frame","dir","paddle"?,"seq"?}}: the player's paddle moves in {@code dir} from
     * {@code frame} on. The result comes back as {@code inputResult} after the game's next tick.
     */
    private void input(WebSocketSession raw, WebSocketSession session, JsonNode json) throws BadMessage {
        Player player = (Player) raw.getAttributes().get(PLAYER);
        if (player == null) {
            throw new BadMessage(401, "Not a player", "send hello with your player token before any input");
        }
        if (json.has("paddle") && json.get("paddle").asInt(-1) != player.paddle()) {
            throw new BadMessage(
                    403,
                    "Input for another player",
                    "you steer paddle " + player.paddle() + ", not " + json.get("paddle"));
        }
        JsonNode frame = json.get("frame");
        if (frame == null || !frame.canConvertToLong() || !frame.isIntegralNumber()) {
            throw new BadMessage(400, "Invalid input", "frame must be a whole number (the frame the input is for)");
        }
        JsonNode dir = json.get("dir");
        if (dir == null || !dir.isIntegralNumber() || Math.abs(dir.asLong()) > 1) {
            throw new BadMessage(400, "Invalid input", "dir must be -1, 0 or 1");
        }
        InputBudget budget = (InputBudget) raw.getAttributes().computeIfAbsent(BUDGET, key -> new InputBudget());
        if (!budget.take()) {
            throw new BadMessage(
                    429,
                    "Too many inputs",
                    "at most " + BURST + " inputs at once and " + PER_SECOND + " a second per connection");
        }
        Input input = new Input(player.paddle(), frame.asLong(), dir.asInt());
        JsonNode seq = json.path("seq");
        UUID game = (UUID) raw.getAttributes().get(GAME);
        if (!runners.submit(game, input, result -> send(session, inputResult(seq, result)))) {
            throw new BadMessage(404, "Game not found", "game " + game + " no longer runs in this instance");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(LISTENER) instanceof GameRunners.Watcher watcher) {
            runners.unsubscribe((UUID) session.getAttributes().get(GAME), watcher);
        }
    }

    private static Map<String, Object> inputResult(JsonNode seq, InputResult result) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "inputResult");
        if (!seq.isMissingNode()) {
            message.put("seq", seq);
        }
        message.put("frame", result.input().frame());
        message.put("dir", result.input().dir());
        message.put("paddle", result.input().player());
        switch (result) {
            case InputResult.Accepted a -> message.put("result", "accepted");
            case InputResult.Duplicate d -> message.put("result", "duplicate");
            case InputResult.Corrected c -> {
                message.put("result", "corrected");
                message.put("fromFrame", c.fromFrame());
                message.put("toFrame", c.toFrame());
            }
            case InputResult.Refused r -> {
                message.put("result", "refused");
                message.put("reason", r.reason().name());
                message.put("detail", r.message());
            }
        }
        return message;
    }

    /** An error reply with RFC 9457's members. */
    private static Map<String, Object> error(int status, String title, String detail) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.put("status", status);
        message.put("title", title);
        message.put("detail", detail);
        return message;
    }

    private static void send(WebSocketSession session, Object message) {
        sendText(session, JSON.writeValueAsString(message));
    }

    private static void sendText(WebSocketSession session, String text) {
        synchronized (session) {
            try {
                session.sendMessage(new TextMessage(text));
            } catch (IOException | RuntimeException e) {
                // a slow or gone client: the decorator closes it; the close callback unsubscribes
            }
        }
    }

    private static JsonNode parse(String payload) throws BadMessage {
        try {
            JsonNode json = JSON.readTree(payload);
            if (json == null || !json.isObject()) {
                throw new BadMessage(400, "Malformed message", "a message must be a JSON object with a type");
            }
            return json;
        } catch (JacksonException e) {
            throw new BadMessage(400, "Malformed message", "not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isString() ? value.asString() : "";
    }

    /** The {workspace} segment of /api/pong/workspaces/{workspace}/games/{id}/stream. */
    private static String workspace(WebSocketSession session) {
        String[] parts = session.getUri() == null
                ? new String[0]
                : session.getUri().getPath().split("/");
        return parts.length >= 4 ? parts[parts.length - 4] : "";
    }

    private static Optional<UUID> gameId(WebSocketSession session) {
        String path = session.getUri() == null ? "" : session.getUri().getPath();
        String[] parts = path.split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(parts[parts.length - 2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
