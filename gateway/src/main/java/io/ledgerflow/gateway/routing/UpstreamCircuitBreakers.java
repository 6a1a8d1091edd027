package io.ledgerflow.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.ProblemMapper;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

/**
 * One circuit breaker per service (resilience4j, in memory). Only the upstream's own failures count: refused or
 * dropped connections and timeouts. Its answers, 5xx included, are responses and pass through; a client's oversized
 * body is the client's fault. When the circuit is open the gateway answers 503 problem+json at once
 * ({@code circuitOpen: true}) instead of making every client wait for the timeout. WebSocket sessions bypass the
 * breaker: a session lasting minutes is not a slow call. States and counts are exported to Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamCircuitBreakers {

    @Bean
    CircuitBreakerRegistry upstreamCircuitBreakerRegistry(GatewaySettings settings) {
        return CircuitBreakerRegistry.of(config(settings.circuitBreaker()));
    }

    @Bean
    TaggedCircuitBreakerMetrics upstreamCircuitBreakerMetrics(CircuitBreakerRegistry upstreamCircuitBreakerRegistry) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(upstreamCircuitBreakerRegistry);
    }

    static CircuitBreakerConfig config(GatewaySettings.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowCalls())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(ProblemMapper::isUpstreamFailure)
                // Timeouts are the HTTP client's business; slow calls alone never open the circuit.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build();
    }

    /** Runs the rest of the route's chain through {@code breaker}, except WebSocket upgrades. */
    static GatewayFilter filter(CircuitBreaker breaker) {
        return (exchange, chain) -> isWebSocketUpgrade(exchange)
                ? chain.filter(exchange)
                : chain.filter(exchange).transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    static boolean isWebSocketUpgrade(ServerWebExchange exchange) {
        return "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }
}
