package io.ledgerflow.system.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One connection to a game's frame stream through the gateway, reconnected whenever it drops (a killed or paused
 * pong-service, a restarted gateway). It keeps the game running (an unwatched game pauses), follows its head frame,
 * and — as a player, when given a player token — sends an input a few frames ahead every so often and records each in
 * the history with its result ({@code accepted}, {@code corrected}, {@code duplicate}: ok; {@code refused}; no reply
 * within the timeout: unknown). When the game ends it keeps the {@code ended} message's frame and state hash.
 */
final class PongStream {

    private final URI uri;
    private final String token;
    private final String playerToken;
    private final String game;
    private final History history;
    private final AtomicLong ids;
    private final Duration timeout;
    private final AtomicLong head = new AtomicLong(-1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile WebSocket socket;
    private volatile JsonNode ended;
    private Thread thread;

    private record Pending(long id, long invoked, long frame, int dir) {}

    PongStream(
            URI uri, String token, String playerToken, String game, History history, AtomicLong ids, Duration timeout) {
        this.uri = uri;
        this.token = token;
        this.playerToken = playerToken;
        this.game = game;
        this.history = history;
        this.ids = ids;
        this.timeout = timeout;
    }

    void start(long seed) {
        thread = Thread.ofPlatform().name("faults-pong-" + game).daemon().start(() -> run(new Random(seed)));
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    long head() {
        return head.get();
    }

    /** The {@code ended} message, once the game ended: its {@code frame} and {@code stateHash}. */
    JsonNode ended() {
        return ended;
    }

    private void run(Random random) {
        while (running.get()) {
            try {
                if (socket == null || socket.isInputClosed() || socket.isOutputClosed()) {
                    connect();
                }
                if (playerToken != null && running.get() && head.get() >= 0) {
                    long id = ids.incrementAndGet();
                    long frame = head.get() + 3;
                    int dir = random.nextInt(3) - 1;
                    history.invoke(id, -1, Op.Kind.PONG_INPUT, game, Map.of("frame", frame, "dir", dir));
                    pending.put(id, new Pending(id, System.nanoTime(), frame, dir));
                    socket.sendText(
                            "{\"type\":\"input\",\"frame\":" + frame + ",\"dir\":" + dir + ",\"seq\":" + id + "}",
                            true);
                }
            } catch (RuntimeException e) {
                socket = null; // the service or the gateway is down: try again
            }
            expire();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void connect() {
        socket = null;
        WebSocket connected = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(uri, new Listener())
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .join();
        if (playerToken != null) {
            connected.sendText("{\"type\":\"hello\",\"token\":\"" + playerToken + "\"}", true);
        }
        socket = connected;
    }

    /** Inputs without a reply within the timeout are unknown: they may or may not have reached the game. */
    private void expire() {
        long now = System.nanoTime();
        pending.values().removeIf(p -> {
            if (now - p.invoked() < timeout.toNanos()) {
                return false;
            }
            complete(p, Op.Outcome.UNKNOWN, "no reply");
            return true;
        });
    }

    private void complete(Pending p, Op.Outcome outcome, String detail) {
        history.complete(new Op(
                p.id(),
                -1,
                Op.Kind.PONG_INPUT,
                game,
                p.invoked(),
                System.nanoTime(),
                outcome,
                null,
                p.frame(),
                Map.of("dir", (double) p.dir()),
                detail));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(JsonNode message) {
            String type = message.path("type").asString("");
            switch (type) {
                case "FrameCommitted", "Snapshot", "Correction" ->
                    head.set(message.path("entry").path("frame").asLong(head.get()));
                case "ended" -> ended = message;
                case "inputResult" -> {
                    Pending p = pending.remove(message.path("seq").asLong(-1));
                    if (p != null) {
                        String result = message.path("result").asString("");
                        complete(
                                p,
                                result.equals("refused") ? Op.Outcome.REFUSED : Op.Outcome.OK,
                                result + " " + message.path("reason").asString(""));
                    }
                }
                default -> {}
            }
        }
    }
}
