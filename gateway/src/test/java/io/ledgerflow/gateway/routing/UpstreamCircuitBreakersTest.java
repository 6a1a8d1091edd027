package io.ledgerflow.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.PayloadTooLargeException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class UpstreamCircuitBreakersTest {

    private final CircuitBreaker breaker = CircuitBreaker.of(
            "calc",
            UpstreamCircuitBreakers.config(new GatewaySettings.CircuitBreaker(true, 50, 4, 4, Duration.ofMinutes(1))));

    @Test
    void opensAfterUpstreamFailuresAndThenRefusesWithoutCalling() {
        for (int i = 0; i < 4; i++) {
            call(Mono.error(new ConnectException("refused")));
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(call(Mono.empty())).isInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void clientFaultsAndSuccessesDoNotOpenIt() {
        for (int i = 0; i < 4; i++) {
            call(Mono.error(new PayloadTooLargeException(8)));
            call(Mono.empty());
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private Throwable call(Mono<Void> upstream) {
        try {
            upstream.transformDeferred(CircuitBreakerOperator.of(breaker)).block();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
