package io.ledgerflow.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings ({@code ledgerflow.gateway.*}).
 *
 * @param services upstream base URI per service name; service {@code calc} is routed at {@code /api/calc/**}
 * @param maxRequestSize largest request body accepted on most routes, by {@code Content-Length} or by counting a
 *     chunked body
 * @param largeBodies the routes that take large, streamed bodies (imports, dataset versions) and their limit
 * @param maxDiscardedBody how much of a body over the limit the gateway reads and discards so the client, still
 *     sending, gets the 413 instead of a reset connection; a larger one gets the 413 and the connection is closed
 * @param retry retries of idempotent reads whose upstream could not be reached
 * @param rateLimit per-client token bucket, in memory (no Redis)
 * @param circuitBreaker per-service circuit breaker on upstream failures (refused, closed, timed out)
 * @param auth JWT bearer authentication, workspace (tenant) and scope checks, on unless disabled
 */
@Validated
@ConfigurationProperties("ledgerflow.gateway")
public record GatewaySettings(
        @NotEmpty Map<String, URI> services,
        @NotNull @DefaultValue("2MB") DataSize maxRequestSize,
        @Valid @NotNull @DefaultValue LargeBodies largeBodies,
        @NotNull @DefaultValue("64MB") DataSize maxDiscardedBody,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker,
        @Valid @NotNull @DefaultValue Auth auth) {

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public GatewaySettings {
        services = services == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(services));
        services.forEach(GatewaySettings::checkService);
    }

    private static void checkService(String name, URI uri) {
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Service name '" + name + "' must match " + SERVICE_NAME
                    + ": it becomes the path prefix /api/" + name);
        }
        String scheme = uri == null ? null : uri.getScheme();
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(scheme) || "https".equals(scheme))
                || !(uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))) {
            throw new IllegalArgumentException("Service '" + name + "' needs an http(s) base URI without a path"
                    + " (e.g. http://localhost:8081), not " + uri);
        }
    }

    /**
     * Routes whose bodies may be large: an {@code .xlsx} or JSON workbook of a million cells, a dataset version of a
     * million rows. Streamed to the service, never buffered.
     *
     * @param maxRequestSize the limit on these routes
     * @param responseTimeout how long the gateway waits for the answer on these routes (a million-row publish takes
     *     about as long as the default upstream response timeout of 30 s)
     * @param routes {@code METHOD /path/pattern} (Spring path patterns: {@code *} one segment, {@code **} the rest)
     */
    public record LargeBodies(
            @NotNull @DefaultValue("256MB") DataSize maxRequestSize,
            @NotNull @DefaultValue("10m") Duration responseTimeout,

            @NotNull
            @DefaultValue({
                "POST /api/calc/workspaces/*/workbooks",
                "POST /api/calc/workspaces/*/workbooks/import",
                "POST /api/calc/workspaces/*/workbooks/*/edits",
                "POST /api/sharing/workspaces/*/datasets",
                "POST /api/sharing/workspaces/*/datasets/*/versions"
            })
            List<String> routes) {

        public LargeBodies {
            routes = routes == null ? List.of() : List.copyOf(routes);
            for (String route : routes) {
                String[] parts = route.trim().split("\\s+");
                if (parts.length != 2 || !parts[1].startsWith("/")) {
                    throw new IllegalArgumentException("ledgerflow.gateway.large-bodies.routes: '" + route
                            + "' must be 'METHOD /path/pattern', e.g. 'POST /api/calc/workspaces/*/workbooks/import'");
                }
            }
        }
    }

    /**
     * @param attempts retries after the first try (0 disables retrying)
     * @param firstBackoff pause before the first retry, doubled for each further one
     */
    public record Retry(
            @Min(0) @DefaultValue("2") int attempts,
            @NotNull @DefaultValue("50ms") Duration firstBackoff) {}

    /**
     * @param enabled whether requests are limited at all
     * @param capacity burst size: requests a client can make at once
     * @param refillPerSecond sustained requests per second per client
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Positive @DefaultValue("200") int capacity,
            @Positive @DefaultValue("100") double refillPerSecond) {}

    /**
     * @param enabled whether upstream calls go through a circuit breaker at all
     * @param failureRatePercent share of failed calls in the window that opens the circuit
     * @param slidingWindowCalls number of recent calls the failure rate is computed over
     * @param minimumCalls calls needed before the failure rate counts
     * @param openFor how long an open circuit refuses calls before letting a few probe calls through
     */
    public record CircuitBreaker(
            @DefaultValue("true") boolean enabled,
            @Min(1) @Max(100) @DefaultValue("50") int failureRatePercent,
            @Min(1) @DefaultValue("20") int slidingWindowCalls,
            @Min(1) @DefaultValue("10") int minimumCalls,
            @NotNull @DefaultValue("10s") Duration openFor) {}

    /**
     * @param enabled whether {@code /api/**} needs a bearer token (the services' OpenAPI documents stay public)
     * @param jwtSecret HS256 shared secret (at least 32 bytes), or
     * @param jwkSetUri the identity provider's JWK set, for RS256/ES256 tokens
     * @param issuer the expected {@code iss}, checked when set
     * @param workspacesClaim claim listing the workspaces (tenants) the token grants: a string or a list
     */
    public record Auth(
            @DefaultValue("true") boolean enabled,
            @Nullable String jwtSecret,
            @Nullable URI jwkSetUri,
            @Nullable String issuer,
            @NotNull @DefaultValue("workspaces") String workspacesClaim) {

        public Auth {
            jwtSecret = jwtSecret == null || jwtSecret.isBlank() ? null : jwtSecret;
            issuer = issuer == null || issuer.isBlank() ? null : issuer;
            jwkSetUri = jwkSetUri == null || jwkSetUri.toString().isBlank() ? null : jwkSetUri;
            if (enabled && jwtSecret == null && jwkSetUri == null) {
                throw new IllegalArgumentException(
                        "Authentication is on (AUTH_ENABLED, default true) but no key is set:"
                                + " set AUTH_JWT_SECRET (HS256, at least 32 bytes) or AUTH_JWK_SET_URI,"
                                + " or AUTH_ENABLED=false for an open gateway (never in production)");
            }
            if (enabled && jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException(
                        "ledgerflow.gateway.auth.jwt-secret must be at least 32 bytes for HS256");
            }
        }
    }
}
