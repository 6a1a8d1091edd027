package io.ledgerflow.gateway.auth;

import io.ledgerflow.gateway.ClientIdentity;
import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.GatewayProblems;
import io.ledgerflow.gateway.problem.ProblemResponses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With {@code ledgerflow.gateway.auth.enabled} (the default), every {@code /api/**} request needs a valid JWT bearer
 * token (signature, expiry, and issuer when configured), else 401 problem+json. A request for a workspace's resources,
 * {@code /api/{service}/workspaces/{workspace}/...}, also needs the token to grant that workspace (the tenant), else
 * 404 problem+json, the answer a service gives for a missing resource, so that another tenant's existence does not
 * leak. A write (any method but GET, HEAD, OPTIONS) needs the {@code write} scope, else 403. The token goes on to the
 * service, which checks all of this again. The services' OpenAPI documents
 * stay public so the Swagger UI loads, and so do their browser pages ({@code /api/{service}/play/**}, static files
 * whose own API calls carry the token). A browser cannot set headers on a WebSocket, so an upgrade may carry the token
 * as the {@code access_token} query parameter instead.
 */
@Component
class BearerTokenFilter implements WebFilter, Ordered {

    /** After the rate limiter (which also limits unauthenticated clients), before the body-size limit. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    private static final Pattern WORKSPACE_PATH =
            Pattern.compile("^/api/[^/]+/workspaces/([^/]+)(?:/.*)?$", Pattern.CASE_INSENSITIVE);
    /**
     * A path whose workspace a service could read differently than the gateway: dot or empty segments, encoded dots,
     * slashes or backslashes, matrix parameters. No such path names a resource, so it is a 404 like any other.
     */
    private static final Pattern AMBIGUOUS_PATH =
            Pattern.compile("(^|/)\\.{1,2}(/|$)|//|%2e|%2f|%5c|\\\\|;", Pattern.CASE_INSENSITIVE);

    private static final Pattern API_DOCS_PATH = Pattern.compile("^/api/[^/]+/v3/api-docs(?:/.*)?$");
    /** A service's browser page (static files; its calls to the API carry the token). */
    private static final Pattern PAGE_PATH = Pattern.compile("^/api/[^/]+/play(?:/.*)?$");

    private static final String BEARER = "Bearer ";

    private final GatewaySettings.Auth settings;
    private final @Nullable ReactiveJwtDecoder decoder;
    private final ProblemResponses responses;
    /** A client's token is verified once a minute, not on each of its requests (see docs/benchmarks.md). */
    private final VerifiedTokens verified = new VerifiedTokens(10_000, Duration.ofMinutes(1));

    BearerTokenFilter(GatewaySettings settings, ProblemResponses responses) {
        this.settings = settings.auth();
        this.decoder = this.settings.enabled() ? decoder(this.settings) : null;
        this.responses = responses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (decoder == null
                || CorsUtils.isPreFlightRequest(request) // no credentials on a preflight; CORS answers it
                || !path.startsWith("/api/")
                || API_DOCS_PATH.matcher(path).matches()
                || PAGE_PATH.matcher(path).matches()) {
            return chain.filter(exchange);
        }
        String token = token(request);
        if (token == null) {
            return reject(exchange, GatewayProblems.unauthorized("A bearer token is required."), "Bearer");
        }
        Jwt known = verified.get(token, Instant.now());
        Mono<Verification> checked = known != null
                ? Mono.just(Verification.valid(known))
                : decoder.decode(token)
                        .doOnNext(jwt -> verified.put(token, jwt, Instant.now()))
                        .map(Verification::valid)
                        .onErrorResume(JwtException.class, e -> Mono.just(Verification.invalid(e.getMessage())));
        return checked.flatMap(verification -> {
            if (verification.jwt() == null) {
                return reject(
                        exchange,
                        GatewayProblems.unauthorized("The bearer token is not valid: " + verification.error()),
                        "Bearer error=\"invalid_token\"");
            }
            String workspace = workspaceOf(path);
            if (AMBIGUOUS_PATH.matcher(path).find()) {
                return reject(exchange, GatewayProblems.notFound(), null);
            }
            if (workspace != null && !grants(verification.jwt(), workspace)) {
                return reject(exchange, GatewayProblems.workspaceNotFound(workspace), null);
            }
            if (!isRead(request.getMethod()) && !mayWrite(verification.jwt())) {
                return reject(
                        exchange,
                        GatewayProblems.readOnlyToken(request.getMethod().name()),
                        "Bearer error=\"insufficient_scope\", scope=\"write\"");
            }
            String subject = verification.jwt().getSubject();
            if (subject != null) {
                exchange.getAttributes().put(ClientIdentity.SUBJECT_ATTRIBUTE, subject);
            }
            return chain.filter(exchange);
        });
    }

    private Mono<Void> reject(ServerWebExchange exchange, ProblemDetail problem, @Nullable String challenge) {
        problem.setInstance(
                GatewayProblems.instanceOf(exchange.getRequest().getPath().value()));
        if (challenge != null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return responses.write(exchange.getResponse(), problem);
    }

    boolean grants(Jwt jwt, String workspace) {
        Object claim = jwt.getClaims().get(settings.workspacesClaim());
        if (claim instanceof String single) {
            return single.equals(workspace);
        }
        if (claim instanceof Collection<?> many) {
            return many.contains(workspace);
        }
        return false;
    }

    static boolean isRead(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
    }

    /** The {@code scope} claim (space-separated string or list, as OAuth 2.0 has both) includes {@code write}. */
    static boolean mayWrite(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String names) {
            return List.of(names.split(" ")).contains("write");
        }
        return scope instanceof Collection<?> many && many.contains("write");
    }

    static @Nullable String workspaceOf(String path) {
        Matcher matcher = WORKSPACE_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    static @Nullable String token(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        if ("websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            List<String> query = request.getQueryParams().get("access_token");
            return query == null || query.isEmpty() || query.get(0).isBlank() ? null : query.get(0);
        }
        return null;
    }

    static ReactiveJwtDecoder decoder(GatewaySettings.Auth settings) {
        NimbusReactiveJwtDecoder decoder = settings.jwtSecret() != null
                ? NimbusReactiveJwtDecoder.withSecretKey(
                                new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build()
                : NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString())
                        .build();
        OAuth2TokenValidator<Jwt> validator = settings.issuer() != null
                ? JwtValidators.createDefaultWithIssuer(settings.issuer())
                : new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault());
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private record Verification(@Nullable Jwt jwt, @Nullable String error) {
        static Verification valid(Jwt jwt) {
            return new Verification(jwt, null);
        }

        static Verification invalid(String error) {
            return new Verification(null, error);
        }
    }
}
