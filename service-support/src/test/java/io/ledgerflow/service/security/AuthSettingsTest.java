package io.ledgerflow.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AuthSettingsTest {

    @Test
    void onWithoutAKeyRefusesToStartNamingTheVariables() {
        assertThatThrownBy(() -> new AuthSettings(true, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUTH_JWT_SECRET")
                .hasMessageContaining("AUTH_JWK_SET_URI")
                .hasMessageContaining("AUTH_ENABLED=false");
        assertThatThrownBy(() -> new AuthSettings(true, "too-short", null, null, null))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void offNeedsNoKeyAndBlanksMeanUnset() {
        AuthSettings off = new AuthSettings(false, " ", URI.create(""), "", null);
        assertThat(off.jwtSecret()).isNull();
        assertThat(off.jwkSetUri()).isNull();
        assertThat(off.issuer()).isNull();
        assertThat(off.workspacesClaim()).isEqualTo("workspaces");
        assertThat(new AuthSettings(true, null, URI.create("https://idp.example/jwks"), null, "tenants")
                        .workspacesClaim())
                .isEqualTo("tenants");
    }

    @Test
    void theWorkspaceOfAPathAndWhetherATokenGrantsIt() {
        assertThat(TokenRules.workspaceOf("/api/calc/workspaces/acme/workbooks/1"))
                .isEqualTo("acme");
        assertThat(TokenRules.workspaceOf("/api/calc/workspaces/acme")).isEqualTo("acme");
        assertThat(TokenRules.workspaceOf("/api/calc/v3/api-docs")).isNull();
        assertThat(TokenRules.workspaceOf("/api/calc/Workspaces/acme")).isNull();

        assertThat(TokenRules.grants(jwt(Map.of("workspaces", List.of("acme", "globex"))), "workspaces", "globex"))
                .isTrue();
        assertThat(TokenRules.grants(jwt(Map.of("workspaces", "acme")), "workspaces", "acme"))
                .isTrue();
        assertThat(TokenRules.grants(jwt(Map.of("workspaces", "acme")), "workspaces", "acm"))
                .isFalse();
        assertThat(TokenRules.grants(jwt(Map.of("sub", "x")), "workspaces", "acme"))
                .isFalse();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "HS256"), claims);
    }
}
