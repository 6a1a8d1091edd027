package io.ledgerflow.service.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer-token authentication of a service ({@code ledgerflow.auth.*}), set by the same environment variables as
 * the gateway: {@code AUTH_ENABLED} (default true), {@code AUTH_JWT_SECRET} or {@code AUTH_JWK_SET_URI}, and
 * {@code AUTH_ISSUER}. Enabled without a key, the service refuses to start.
 *
 * @param enabled whether {@code /api/**} needs a bearer token (OpenAPI documents and browser pages stay public)
 * @param jwtSecret HS256 shared secret, at least 32 bytes, or
 * @param jwkSetUri the identity provider's JWK set, for RS256/ES256 tokens
 * @param issuer the expected {@code iss}, checked when set
 * @param workspacesClaim claim naming the workspaces (tenants) the token grants: a string or a list
 */
@ConfigurationProperties("ledgerflow.auth")
public record AuthSettings(
        @DefaultValue("true") boolean enabled,
        @Nullable String jwtSecret,
        @Nullable URI jwkSetUri,
        @Nullable String issuer,
        @DefaultValue("workspaces") String workspacesClaim) {

    public AuthSettings {
        jwtSecret = blankToNull(jwtSecret);
        issuer = blankToNull(issuer);
        jwkSetUri = jwkSetUri == null || jwkSetUri.toString().isBlank() ? null : jwkSetUri;
        workspacesClaim = workspacesClaim == null || workspacesClaim.isBlank() ? "workspaces" : workspacesClaim;
        if (enabled && jwtSecret == null && jwkSetUri == null) {
            throw new IllegalArgumentException("Authentication is on (AUTH_ENABLED, default true) but no key is set:"
                    + " set AUTH_JWT_SECRET (HS256, at least 32 bytes) or AUTH_JWK_SET_URI,"
                    + " or AUTH_ENABLED=false for an open service (never in production)");
        }
        if (enabled && jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("AUTH_JWT_SECRET must be at least 32 bytes for HS256");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
