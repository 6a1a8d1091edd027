package io.ledgerflow.gateway.headers;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace to the service: the forwarded request's {@code traceparent} is the gateway's own server span
 * (the {@code http.server.requests} observation of the incoming request), so the service's span is below the
 * gateway's and the client's trace continues through both. It replaces Spring Cloud Gateway's client-side
 * observation ({@code spring.cloud.gateway.server.webflux.observability.enabled: false}), which made a second
 * observation per request (a client span and an {@code http.client.requests} timer) only to propagate the same
 * trace; that, with its per-route timer, was most of the gateway's observation cost under load
 * (docs/benchmarks.md). Without a server span (tracing off) the request's headers pass unchanged.
 */
@Component
class TraceparentHeadersFilter implements HttpHeadersFilter {

    private final Propagator propagator;

    TraceparentHeadersFilter(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .orElse(null);
        if (span == null) {
            return input;
        }
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(input);
        propagator.inject(span.context(), forwarded, HttpHeaders::set);
        return forwarded;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
