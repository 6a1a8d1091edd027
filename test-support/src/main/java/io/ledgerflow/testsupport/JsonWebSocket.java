package io.ledgerflow.testsupport;

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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket of JSON text messages as a test or a load harness sees it: every message received, in order (as a list
 * to search, or one by one with {@link #next}), and a way to send.
 */
public final class JsonWebSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final WebSocket socket;
    private int cursor;

    /** Connects with a read-write bearer token granting the workspace the URI's path addresses ({@link Tokens}). */
    public JsonWebSocket(URI uri) throws Exception {
        this(uri, Tokens.forPath(uri.getRawPath()));
    }

    /** Connects with this bearer token in the {@code Authorization} header, or with none when it is null. */
    public JsonWebSocket(URI uri, @Nullable String token) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
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

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Every message received so far, oldest first. */
    public synchronized List<JsonNode> received() {
        for (String text = incoming.poll(); text != null; text = incoming.poll()) {
            received.add(JSON.readTree(text));
        }
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} messages arrived; returns them all. */
    public List<JsonNode> awaitCount(int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(this::received, messages -> messages.size() >= count);
    }

    /** Waits for the first message (of all received, from the start) that matches. */
    public JsonNode await(Predicate<JsonNode> matching) {
        return await(matching, Duration.ofSeconds(20));
    }

    /** Waits up to {@code atMost} for the first message (of all received, from the start) that matches. */
    public JsonNode await(Predicate<JsonNode> matching, Duration atMost) {
        return Awaitility.await()
                .atMost(atMost)
                .until(() -> received().stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }

    /** Waits for the first message of {@code type} received after the first {@code after} messages. */
    public JsonNode awaitType(String type, int after) {
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

    /** The message after the one {@code next} returned last (the first at first), waiting up to 10 s for it. */
    public JsonNode next() throws InterruptedException {
        synchronized (this) {
            if (cursor < received.size()) {
                return received.get(cursor++);
            }
        }
        String text = incoming.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new IllegalStateException("no message for 10 s");
        }
        synchronized (this) {
            received.add(JSON.readTree(text));
            return received.get(cursor++);
        }
    }

    public boolean isOpen() {
        return !socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
