package io.ledgerflow.pong.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A game's WebSocket stream as a test sees it: every message received, in order, and a way to send. */
final class StreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final WebSocket socket;

    StreamClient(URI uri) throws Exception {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            incoming.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Every message received so far, oldest first. */
    synchronized List<JsonNode> received() {
        for (String text = incoming.poll(); text != null; text = incoming.poll()) {
            received.add(JSON.readTree(text));
        }
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} messages arrived; returns them all. */
    List<JsonNode> awaitCount(int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(this::received, messages -> messages.size() >= count);
    }

    /** Waits for the first message (of all received, from the start) that matches. */
    JsonNode await(Predicate<JsonNode> matching) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> received().stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }

    /** Waits for the first message of {@code type} received after the first {@code after} messages. */
    JsonNode awaitType(String type, int after) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            List<JsonNode> all = received();
                            return all.subList(Math.min(after, all.size()), all.size()).stream()
                                    .filter(m -> type.equals(m.path("type").asString()))
                                    .findFirst()
                                    .orElse(null);
                        },
                        m -> m != null);
    }

    boolean isOpen() {
        return !socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
