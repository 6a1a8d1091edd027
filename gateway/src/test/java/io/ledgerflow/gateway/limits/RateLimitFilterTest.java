package io.ledgerflow.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.gateway.ClientIdentity;
import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.ProblemResponses;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RateLimitFilterTest {

    private final AtomicLong clock = new AtomicLong();
    private final RateLimitFilter filter = new RateLimitFilter(
            new GatewaySettings.RateLimit(true, 2, 1), new ProblemResponses(new JsonMapper()), clock::get, 100);

    @Test
    void aClientOverItsBurstGets429ProblemWithRetryAfterUntilATokenIsBack() {
        assertThat(send("10.0.0.1", "/api/calc/w")).isNull();
        assertThat(send("10.0.0.1", "/api/calc/w")).isNull();

        MockServerWebExchange refused = exchange("10.0.0.1", "/api/calc/w");
        boolean passed = run(refused);

        assertThat(passed).isFalse();
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.getResponse().getBodyAsString().block()).contains("rate-limited");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(send("10.0.0.1", "/api/calc/w")).isNull();
    }

    @Test
    void clientsHaveSeparateBudgetsAndOnlyApiPathsCount() {
        send("10.0.0.1", "/api/calc/w");
        send("10.0.0.1", "/api/calc/w");

        assertThat(send("10.0.0.2", "/api/calc/w")).isNull();
        assertThat(send("10.0.0.1", "/swagger-ui/index.html")).isNull();
        assertThat(send("10.0.0.1", "/api/calc/w")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void trackedClientsStayBounded() {
        for (int i = 0; i < 105; i++) {
            send("10.1.0." + i, "/api/calc/w");
        }

        assertThat(filter.trackedClients()).isLessThanOrEqualTo(100);
    }

    @Test
    void aVerifiedTokensSubjectIsTheClientNotItsAddress() {
        AuthenticatedRateLimitFilter bySubject = new AuthenticatedRateLimitFilter(filter);
        // two users behind one address each get their own budget
        for (int i = 0; i < 2; i++) {
            assertThat(sendAs(bySubject, "10.0.0.1", "alice")).isNull();
            assertThat(sendAs(bySubject, "10.0.0.1", "bob")).isNull();
        }
        // one user from another address shares the budget of that user
        assertThat(sendAs(bySubject, "10.0.0.9", "alice")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // the anonymous bucket of the shared address was never touched
        assertThat(send("10.0.0.1", "/api/calc/w")).isNull();
        assertThat(send("10.0.0.1", "/api/calc/w")).isNull();
        assertThat(send("10.0.0.1", "/api/calc/w")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aRequestWithACredentialIsNotCountedBeforeItsTokenIsChecked() {
        for (int i = 0; i < 5; i++) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calc/w")
                    .header("Authorization", "Bearer x.y.z")
                    .remoteAddress(new InetSocketAddress("10.0.0.3", 40000)));
            assertThat(run(exchange)).isTrue();
        }
    }

    /** A request carrying a token whose check verified {@code subject}, through the second half of the limit. */
    private HttpStatus sendAs(AuthenticatedRateLimitFilter bySubject, String client, String subject) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calc/w")
                .header("Authorization", "Bearer x.y.z")
                .remoteAddress(new InetSocketAddress(client, 40000)));
        exchange.getAttributes().put(ClientIdentity.SUBJECT_ATTRIBUTE, subject);
        boolean[] passed = {false};
        bySubject
                .filter(exchange, e -> {
                    passed[0] = true;
                    return Mono.empty();
                })
                .block();
        return passed[0]
                ? null
                : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    /** @return null when the request passed to the chain, else the status the filter answered with */
    private HttpStatus send(String client, String path) {
        MockServerWebExchange exchange = exchange(client, path);
        return run(exchange)
                ? null
                : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    private boolean run(MockServerWebExchange exchange) {
        boolean[] passed = {false};
        WebFilterChain chain = e -> {
            passed[0] = true;
            return Mono.empty();
        };
        filter.filter(exchange, chain).block();
        return passed[0];
    }

    private static MockServerWebExchange exchange(String client, String path) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get(path).remoteAddress(new InetSocketAddress(client, 40000)));
    }
}
