package io.ledgerflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens for tests: HS256 JWTs signed with the JVM's test key ({@link #secret()}), which
 * {@link InfrastructureInitializer} gives every service under test as {@code AUTH_JWT_SECRET}. The key is random per
 * JVM, or the system property {@code ledgerflow.test.auth-secret} when a test must share it with a stack it starts.
 */
public final class Tokens {

    /** Scopes of a token that may read and write. */
    public static final String READ_WRITE = "read write";
    /** Scope of a read-only token: every write is 403. */
    public static final String READ_ONLY = "read";

    private static final Pattern WORKSPACE = Pattern.compile("/workspaces/([^/?#]+)");
    private static final String SECRET = secretOfThisJvm();

    private Tokens() {}

    /** The HS256 key (at least 32 bytes) every token of this JVM is signed with. */
    public static String secret() {
        return SECRET;
    }

    /** A read-write token granting {@code workspaces}, valid for an hour. */
    public static String forWorkspaces(String... workspaces) {
        return token(SECRET, "test-user", List.of(workspaces), READ_WRITE, Duration.ofHours(1));
    }

    /** A read-only token granting {@code workspaces}. */
    public static String readOnly(String... workspaces) {
        return token(SECRET, "test-reader", List.of(workspaces), READ_ONLY, Duration.ofHours(1));
    }

    /** A read-write token granting the workspace a path addresses ({@code .../workspaces/{ws}/...}), if any. */
    public static String forPath(String path) {
        String workspace = workspaceOf(path);
        return workspace == null ? forWorkspaces() : forWorkspaces(workspace);
    }

    /** {@code Bearer <token>} for the workspace a path addresses, as an {@code Authorization} header value. */
    public static String bearerFor(String path) {
        return "Bearer " + forPath(path);
    }

    static @Nullable String workspaceOf(String path) {
        Matcher matcher = WORKSPACE.matcher(path);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * A token signed with {@code secret}: subject, workspaces claim (a list or a single string), space-separated
     * scopes, lifetime (negative for one that has expired).
     */
    public static String token(String secret, String subject, Object workspaces, String scope, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("workspaces", workspaces)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }

    private static String secretOfThisJvm() {
        String given = System.getProperty("ledgerflow.test.auth-secret");
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key); // 43 ASCII characters
    }
}
