package io.ledgerflow.gateway.headers;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security response headers on every answer of the gateway, its own and the services' alike. They are set just before
 * the response is committed, after the upstream's headers have been copied in, so a proxied answer cannot lose them;
 * a header the upstream chose itself is kept. HSTS only over HTTPS (browsers ignore it over plain HTTP).
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        boolean https = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.putIfAbsent("X-Content-Type-Options", List.of("nosniff"));
            headers.putIfAbsent("X-Frame-Options", List.of("DENY"));
            headers.putIfAbsent("Content-Security-Policy", List.of("frame-ancestors 'none'"));
            headers.putIfAbsent("Referrer-Policy", List.of("no-referrer"));
            if (https) {
                headers.putIfAbsent("Strict-Transport-Security", List.of("max-age=31536000"));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
