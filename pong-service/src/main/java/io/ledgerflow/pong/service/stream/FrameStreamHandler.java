package io.ledgerflow.pong.service.stream;

import io.ledgerflow.pong.log.LogEntry;
import io.ledgerflow.pong.service.runner.GameRunners;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/pong/workspaces/{workspace}/games/{id}/stream}: sends the game's latest snapshot and the
 * entries after it, then every new entry, each as {@code {"type","gameId","entry"}} (the frames topic's
 * shape). Inputs over this socket are not handled yet: a client message gets an {@code error} reply.
 */
class FrameStreamHandler extends TextWebSocketHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LISTENER = "pong.listener";
    private static final String GAME = "pong.game";

    private final GameRunners runners;

    FrameStreamHandler(GameRunners runners) {
        this.runners = runners;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(
                raw, 2_000, 8 * 1024 * 1024, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Optional<UUID> id = gameId(raw);
        if (id.isEmpty()) {
            error(session, "no game id in " + raw.getUri());
            session.close(CloseStatus.BAD_DATA);
            return;
        }
        String game = id.get().toString();
        // the game thread waits for the backlog to go out first, so entries arrive in log order
        Consumer<LogEntry> listener = entry -> {
            synchronized (session) {
                send(session, game, entry);
            }
        };
        synchronized (session) {
            Optional<List<LogEntry>> backlog = runners.subscribe(workspace(raw), id.get(), listener);
            if (backlog.isEmpty()) {
                error(session, "game " + game + " of workspace " + workspace(raw) + " is not running in this instance");
                session.close(CloseStatus.POLICY_VIOLATION);
                return;
            }
            raw.getAttributes().put(LISTENER, listener);
            raw.getAttributes().put(GAME, id.get());
            backlog.get().forEach(entry -> send(session, game, entry));
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        synchronized (session) {
            error(session, "inputs over the stream are not supported yet");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object listener = session.getAttributes().get(LISTENER);
        if (listener != null) {
            @SuppressWarnings("unchecked")
            Consumer<LogEntry> consumer = (Consumer<LogEntry>) listener;
            runners.unsubscribe((UUID) session.getAttributes().get(GAME), consumer);
        }
    }

    private static void send(WebSocketSession session, String gameId, LogEntry entry) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", entry.getClass().getSimpleName());
        message.put("gameId", gameId);
        message.put("entry", entry);
        try {
            session.sendMessage(new TextMessage(JSON.writeValueAsString(message)));
        } catch (IOException | RuntimeException e) {
            // a slow or gone client: the decorator closes it; the close callback unsubscribes
        }
    }

    private static void error(WebSocketSession session, String detail) throws IOException {
        session.sendMessage(new TextMessage(JSON.writeValueAsString(Map.of("type", "error", "detail", detail))));
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
