package io.ledgerflow.gateway.problem;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway itself raises with problem+json: an unknown route, a body over the limit, an
 * upstream that is down or slow. Runs before Spring Boot's JSON error handler (order -1). Responses the services send
 * (their own problems included) are not errors here and pass through untouched.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses responses;

    ProblemExceptionHandler(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        ServerHttpRequest request = exchange.getRequest();
        String service = routeId(exchange);
        ProblemDetail problem = ProblemMapper.toProblem(
                failure, request.getMethod().name(), request.getPath().value(), service);
        logFailure(request, service, problem, failure);
        exchange.getResponse().getHeaders().clear();
        return responses.write(exchange.getResponse(), problem);
    }

    private static @Nullable String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route == null ? null : route.getId();
    }

    private static void logFailure(
            ServerHttpRequest request, @Nullable String service, ProblemDetail problem, Throwable failure) {
        if (problem.getStatus() == 500) {
            log.error("{} {} failed", request.getMethod(), request.getPath(), failure);
        } else if (problem.getStatus() >= 500) {
            log.warn(
                    "{} {} -> {} (service {}): {}",
                    request.getMethod(),
                    request.getPath(),
                    problem.getStatus(),
                    service,
                    failure.toString());
        } else {
            log.debug(
                    "{} {} -> {}: {}", request.getMethod(), request.getPath(), problem.getStatus(), failure.toString());
        }
    }
}
