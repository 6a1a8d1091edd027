package io.ledgerflow.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.ledgerflow.gateway.GatewaySettings;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.BackoffConfig;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * One route per service: {@code /api/{service}/**} goes to that service's base URI with the path unchanged (each
 * service serves its API under its gateway prefix). A WebSocket upgrade on the same route is proxied as WebSocket:
 * the gateway's websocket routing filter turns {@code http} into {@code ws} for upgrade requests.
 *
 * <p>The large-body routes (imports, dataset versions; {@code ledgerflow.gateway.large-bodies}) come first, with
 * their own response timeout: the default upstream timeout would cut off a million-row publish.
 *
 * <p>Each route has its own circuit breaker ({@link UpstreamCircuitBreakers}). Only GETs are retried, and only when
 * the upstream could not be reached or said it is unavailable: a read that timed out is not repeated (it would
 * multiply the wait), and nothing that may have had an effect is sent twice.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

    static final String PREFIX = "/api/";

    @Bean
    RouteLocator serviceRouteLocator(
            RouteLocatorBuilder builder,
            GatewaySettings settings,
            CircuitBreakerRegistry upstreamCircuitBreakerRegistry) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        // the large-body routes first (routes are tried in order): the same upstream, a longer response timeout
        long largeTimeoutMillis = settings.largeBodies().responseTimeout().toMillis();
        for (String large : settings.largeBodies().routes()) {
            String[] parts = large.trim().split("\\s+");
            String name = serviceOf(parts[1]);
            URI uri = settings.services().get(name);
            if (uri == null) {
                continue; // a large-body route of a service this gateway does not route
            }
            routes.route(
                    name + " " + large.trim(),
                    r -> r.method(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)))
                            .and()
                            .path(parts[1])
                            .filters(f -> upstreamFilters(f, name, settings, upstreamCircuitBreakerRegistry))
                            .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, largeTimeoutMillis)
                            .uri(uri));
        }
        for (Map.Entry<String, URI> service : settings.services().entrySet()) {
            String name = service.getKey();
            routes.route(
                    name,
                    r -> r.path(pathPattern(name))
                            .filters(f -> upstreamFilters(f, name, settings, upstreamCircuitBreakerRegistry))
                            .uri(service.getValue()));
        }
        return routes.build();
    }

    private static GatewayFilterSpec upstreamFilters(
            GatewayFilterSpec f,
            String service,
            GatewaySettings settings,
            CircuitBreakerRegistry upstreamCircuitBreakerRegistry) {
        // Retry outside, breaker inside: each attempt counts; an open circuit is not retried.
        if (settings.retry().attempts() > 0) {
            f.retry(retry -> idempotentReads(retry, settings));
        }
        if (settings.circuitBreaker().enabled()) {
            f.filter(UpstreamCircuitBreakers.filter(upstreamCircuitBreakerRegistry.circuitBreaker(service)));
        }
        return f;
    }

    /** The service of a gateway path: {@code calc} of {@code /api/calc/workspaces/*}. */
    static String serviceOf(String path) {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static void idempotentReads(RetryConfig retry, GatewaySettings settings) {
        Duration first = settings.retry().firstBackoff();
        retry.setRetries(settings.retry().attempts())
                .setMethods(HttpMethod.GET)
                .setSeries()
                .setStatuses(HttpStatus.SERVICE_UNAVAILABLE)
                .setExceptions(ConnectException.class)
                .setBackoff(new BackoffConfig(first, first.multipliedBy(8), 2, true));
    }

    static String pathPattern(String service) {
        return PREFIX + service + "/**";
    }
}
