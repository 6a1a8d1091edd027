package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.ClientIdentity;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The rate limit's second half: a request that carried a bearer credential, counted after the token check by the
 * verified subject (or by address where no subject was verified: authentication off, or a public path). Each request
 * is counted exactly once, here or in {@link RateLimitFilter}; both share its buckets.
 */
@Component
class AuthenticatedRateLimitFilter implements WebFilter, Ordered {

    /** Right after the bearer-token check (HIGHEST_PRECEDENCE + 15), before the body-size limit. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 16;

    private final RateLimitFilter limiter;

    AuthenticatedRateLimitFilter(RateLimitFilter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!limiter.enabled()
                || !request.getPath().value().startsWith("/api/")
                || !RateLimitFilter.hasCredential(request)) {
            return chain.filter(exchange);
        }
        String subject = exchange.getAttribute(ClientIdentity.SUBJECT_ATTRIBUTE);
        String client = subject != null ? "subject:" + subject : RateLimitFilter.clientKey(request);
        return limiter.limit(exchange, chain, client);
    }
}
