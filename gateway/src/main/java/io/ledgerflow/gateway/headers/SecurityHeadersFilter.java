package io.ledgerflow.gateway.headers;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security response headers on every answer of the gateway, its own and the services' alike: no MIME sniffing, never
 * framed ({@code X-Frame-Options} and CSP {@code frame-ancestors}), no referrer leaving the site, and HSTS when the
 * request came over HTTPS (directly, or through a proxy's {@code X-Forwarded-Proto}).
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before anything can answer
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean https = request.getSslInfo() != null
                || "https".equalsIgnoreCase(request.getURI().getScheme());
        // Set before the chain: a proxied answer's own headers are copied over these (the services send the same
        // X-Frame-Options and X-Content-Type-Options), and every answer the gateway writes itself keeps them.
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        return chain.filter(exchange);
    }
}
