package io.ledgerflow.system.faults;

import io.ledgerflow.testsupport.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as the harness's clients see it: each request with a deadline, its answer classified as Jepsen does —
 * ok (2xx), refused (4xx: the service promises a refused request changed nothing) or unknown (a timeout, a broken
 * connection, a 5xx: it may or may not have taken effect).
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(Op.Outcome outcome, int status, JsonNode body, String detail) {
        boolean ok() {
            return outcome == Op.Outcome.OK;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String gateway;
    private final String token;
    private final Duration timeout;

    Api(String gateway, String workspace, Duration timeout) {
        this.gateway = gateway;
        this.token = Tokens.forWorkspaces(workspace);
        this.timeout = timeout;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer send(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = request(path)
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            JsonNode body = parse(response.body());
            if (status >= 200 && status < 300) {
                return new Answer(Op.Outcome.OK, status, body, "");
            }
            String detail = status + " " + body.path("title").asString("") + " "
                    + body.path("detail").asString("");
            return new Answer(status < 500 ? Op.Outcome.REFUSED : Op.Outcome.UNKNOWN, status, body, detail.strip());
        } catch (IOException e) {
            return new Answer(
                    Op.Outcome.UNKNOWN, -1, JSON.missingNode(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Op.Outcome.UNKNOWN, -1, JSON.missingNode(), "interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
