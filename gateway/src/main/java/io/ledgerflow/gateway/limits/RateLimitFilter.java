package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.GatewayProblems;
import io.ledgerflow.gateway.problem.ProblemResponses;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-client rate limit for {@code /api/**}, in memory (one token bucket per client; no Redis). A client over its
 * budget gets 429 problem+json with {@code Retry-After}. Per gateway instance: with N instances a client gets up to N
 * times the budget, which is what a limiter without shared state can promise.
 *
 * <p>Who the client is: a request without a bearer credential is counted here, by its address, before anything else
 * is done with it. A request with one is counted once its token is verified, by the token's subject
 * ({@link AuthenticatedRateLimitFilter}), so that users behind one address do not share a budget and one user does not
 * get a budget per address. An unverified claim is never used as a key: anyone could name another user's subject.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** At this many tracked clients, idle (full) buckets are dropped, and all of them if none is idle. */
    static final int MAX_TRACKED_CLIENTS = 10_000;

    private final GatewaySettings.RateLimit settings;
    private final int maxTrackedClients;
    private final ProblemResponses responses;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    RateLimitFilter(GatewaySettings settings, ProblemResponses responses) {
        this(settings.rateLimit(), responses, System::nanoTime, MAX_TRACKED_CLIENTS);
    }

    RateLimitFilter(
            GatewaySettings.RateLimit settings,
            ProblemResponses responses,
            LongSupplier nanoClock,
            int maxTrackedClients) {
        this.settings = settings;
        this.maxTrackedClients = maxTrackedClients;
        this.responses = responses;
        this.nanoClock = nanoClock;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!settings.enabled() || !request.getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        if (hasCredential(request)) {
            return chain.filter(exchange); // counted by subject once verified
        }
        return limit(exchange, chain, clientKey(request));
    }

    /** Takes a token from {@code client}'s bucket, or answers 429. */
    Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, String client) {
        ServerHttpRequest request = exchange.getRequest();
        long now = nanoClock.getAsLong();
        long waitNanos = bucketOf(client, now).tryTake(now);
        if (waitNanos == 0) {
            return chain.filter(exchange);
        }
        long retryAfterSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        ProblemDetail problem = GatewayProblems.rateLimited(retryAfterSeconds);
        problem.setInstance(GatewayProblems.instanceOf(request.getPath().value()));
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return responses.write(exchange.getResponse(), problem);
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** A bearer token in the header, or (for a WebSocket upgrade) in the query. */
    static boolean hasCredential(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
                || request.getQueryParams().containsKey("access_token");
    }

    int trackedClients() {
        return buckets.size();
    }

    private TokenBucket bucketOf(String client, long now) {
        if (buckets.size() >= maxTrackedClients && !buckets.containsKey(client)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
            if (buckets.size() >= maxTrackedClients) {
                // Memory stays bounded under a flood of addresses; the price is one fresh burst per client.
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(
                client, key -> new TokenBucket(settings.capacity(), settings.refillPerSecond(), now));
    }

    /**
     * The client's address as the gateway sees it. Forwarded headers are not trusted here: any client could set them.
     */
    static String clientKey(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
