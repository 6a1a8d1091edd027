package io.ledgerflow.localstack.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authentication of the local stack. On by default: an HMAC signing key is generated on first start into
 * {@code .local-stack/data/auth-signing-key} (mode 600; {@code --fresh} makes a new one), given to the gateway and
 * every service as {@code AUTH_JWT_SECRET}, and used to sign demo bearer tokens printed at start. A key passed with
 * {@code --env AUTH_JWT_SECRET=...} is used instead (system-tests signs its tokens with its own);
 * {@code --env AUTH_JWK_SET_URI=...} hands verification to an identity provider (no demo tokens then), and
 * {@code --no-auth} ({@code AUTH_ENABLED=false}) turns it off everywhere.
 */
public final class LocalAuth {

    /** How long a printed demo token lasts. */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

    private final boolean enabled;
    private final String secret; // null when off or with an identity provider

    private LocalAuth(boolean enabled, String secret) {
        this.enabled = enabled;
        this.secret = secret;
    }

    /** From the variables the user gave every service ({@code --env}, {@code --no-auth}) and the data directory. */
    public static LocalAuth resolve(Map<String, String> extraEnv, Path dataDir) {
        if ("false".equalsIgnoreCase(extraEnv.getOrDefault("AUTH_ENABLED", "true"))) {
            return new LocalAuth(false, null);
        }
        String given = extraEnv.get("AUTH_JWT_SECRET");
        if (given != null && !given.isBlank()) {
            return new LocalAuth(true, given);
        }
        if (extraEnv.containsKey("AUTH_JWK_SET_URI")) {
            return new LocalAuth(true, null);
        }
        return new LocalAuth(true, loadOrCreateKey(dataDir.resolve("auth-signing-key")));
    }

    public boolean enabled() {
        return enabled;
    }

    /** What every service (and the gateway) gets; the user's own {@code --env} values are added after these. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AUTH_ENABLED", Boolean.toString(enabled));
        if (secret != null) {
            env.put("AUTH_JWT_SECRET", secret);
        }
        return env;
    }

    /**
     * Ready-to-use tokens, as shell variables: {@code ACME} and {@code GLOBEX} (read and write in that workspace) and
     * {@code READONLY} (reads {@code acme}); empty when the stack signs none.
     */
    public Map<String, String> demoTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (secret != null) {
            tokens.put("ACME", sign("acme-user", List.of("acme"), "read write"));
            tokens.put("GLOBEX", sign("globex-user", List.of("globex"), "read write"));
            tokens.put("READONLY", sign("acme-reader", List.of("acme"), "read"));
        }
        return tokens;
    }

    /** Writes the demo tokens as {@code export NAME=token} lines (mode 600) for {@code source}. */
    public void writeTokens(Path file) {
        StringBuilder lines = new StringBuilder("# Ledgerflow local stack: demo bearer tokens, valid for "
                + TOKEN_LIFETIME.toDays() + " days. Never commit this file.\n");
        demoTokens()
                .forEach((name, token) -> lines.append("export ")
                        .append(name)
                        .append('=')
                        .append(token)
                        .append('\n'));
        try {
            PrivateFile.write(file, lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private String sign(String subject, List<String> workspaces, String scope) {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .claim("workspaces", workspaces)
                        .claim("scope", scope)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                        .build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    static String loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (key.getBytes(StandardCharsets.UTF_8).length >= 32) {
                    return key;
                }
            }
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 64 characters
            PrivateFile.write(file, key + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        }
    }
}
