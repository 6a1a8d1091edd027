package io.ledgerflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP client for tests that talk to a running server the way a user would: real
 * requests, raw status, content type and body, no client-side error handling in the way. Each
 * request carries a bearer token ({@link Tokens}) that grants the workspace its path addresses,
 * with read and write scope, unless {@link #withoutToken()} or {@link #withToken(String)} says otherwise.
 */
public final class Http {

    /** What came back. */
    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final Function<String, @Nullable String> tokenForPath;

    public Http(String baseUrl) {
        this(baseUrl, Tokens::forPath);
    }

    private Http(String baseUrl, Function<String, @Nullable String> tokenForPath) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokenForPath = tokenForPath;
    }

    /** The same server, asked without any {@code Authorization} header. */
    public Http withoutToken() {
        return new Http(baseUrl, path -> null);
    }

    /** The same server, asked with this bearer token on every request (e.g. {@link Tokens#readOnly}). */
    public Http withToken(String token) {
        return new Http(baseUrl, path -> token);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Response putJson(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json, application/problem+json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A request for {@code path} with this client's token, for a test that needs more (headers, bytes). */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        String token = tokenForPath.apply(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
