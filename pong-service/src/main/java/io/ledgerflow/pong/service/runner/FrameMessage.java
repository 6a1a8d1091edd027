package io.ledgerflow.pong.service.runner;

import io.ledgerflow.pong.log.LogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of a game's log as it travels: {@code {"type","gameId","entry"}}, the same JSON on the frames topic and on
 * every WebSocket. Rendered once, on first use (usually by the shipper's thread, off the game's), then shared by the
 * topic and every client — a joiner's backlog and a frame sent to many watchers cost no serialisation each.
 */
public final class FrameMessage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gameId;
    private final LogEntry entry;
    private volatile String json;

    FrameMessage(String gameId, LogEntry entry) {
        this.gameId = gameId;
        this.entry = entry;
    }

    public String gameId() {
        return gameId;
    }

    public LogEntry entry() {
        return entry;
    }

    /** The message's JSON; threads racing on the first call each render the same text, one of them is kept. */
    public String json() {
        String text = json;
        if (text == null) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", entry.getClass().getSimpleName());
            message.put("gameId", gameId);
            message.put("entry", entry);
            text = JSON.writeValueAsString(message);
            json = text;
        }
        return text;
    }
}
