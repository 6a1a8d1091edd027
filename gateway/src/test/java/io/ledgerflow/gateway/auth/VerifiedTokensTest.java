package io.ledgerflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    private static Jwt jwt(Instant expiresAt) {
        return new Jwt("t", NOW.minusSeconds(10), expiresAt, Map.of("alg", "HS256"), Map.of("sub", "ada"));
    }

    @Test
    void keepsAVerifiedTokenUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(5));
        Jwt jwt = jwt(NOW.plusSeconds(60));
        tokens.put("a", jwt, NOW);

        assertThat(tokens.get("a", NOW.plusSeconds(59))).isSameAs(jwt);
        assertThat(tokens.get("a", NOW.plusSeconds(60))).isNull();
        assertThat(tokens.get("b", NOW)).isNull();
        assertThat(tokens.size()).isZero(); // the expired entry is gone
    }

    @Test
    void checksALongLivedTokenAgainAfterMaxAge() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(30));
        tokens.put("a", jwt(NOW.plusSeconds(3600)), NOW);

        assertThat(tokens.get("a", NOW.plusSeconds(29))).isNotNull();
        assertThat(tokens.get("a", NOW.plusSeconds(30))).isNull();
    }

    @Test
    void keepsNoTokenWithoutExpiryAndStaysWithinItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(3, Duration.ofMinutes(5));
        tokens.put("forever", new Jwt("t", NOW, null, Map.of("alg", "HS256"), Map.of("sub", "ada")), NOW);
        assertThat(tokens.get("forever", NOW)).isNull();

        for (int i = 0; i < 10; i++) {
            tokens.put("t" + i, jwt(NOW.plusSeconds(60)), NOW);
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        assertThat(tokens.get("t9", NOW)).isNotNull();
    }
}
