package io.ledgerflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;

class BearerTokenFilterTest {

    @Test
    void findsTheWorkspaceOfAWorkspacePath() {
        assertThat(BearerTokenFilter.workspaceOf("/api/calc/workspaces/acme")).isEqualTo("acme");
        assertThat(BearerTokenFilter.workspaceOf("/api/sharing/workspaces/acme/datasets/7"))
                .isEqualTo("acme");
        assertThat(BearerTokenFilter.workspaceOf("/api/calc/workspacesx/acme")).isNull();
        assertThat(BearerTokenFilter.workspaceOf("/api/calc/workspaces/")).isNull();
        assertThat(BearerTokenFilter.workspaceOf("/api/pong/games/1")).isNull();
    }

    @Test
    void takesTheTokenFromTheAuthorizationHeaderWhateverTheSchemesCase() {
        assertThat(BearerTokenFilter.token(MockServerHttpRequest.get("/api/calc/x")
                        .header("Authorization", "bearer abc.def.ghi")
                        .build()))
                .isEqualTo("abc.def.ghi");
        assertThat(BearerTokenFilter.token(MockServerHttpRequest.get("/api/calc/x")
                        .header("Authorization", "Basic dXNlcjpwYXNz")
                        .build()))
                .isNull();
        assertThat(BearerTokenFilter.token(MockServerHttpRequest.get("/api/calc/x")
                        .header("Authorization", "Bearer ")
                        .build()))
                .isNull();
    }

    @Test
    void acceptsAQueryTokenOnlyOnAWebSocketUpgrade() {
        assertThat(BearerTokenFilter.token(MockServerHttpRequest.get("/api/pong/ws?access_token=t1")
                        .header("Upgrade", "websocket")
                        .build()))
                .isEqualTo("t1");
        assertThat(BearerTokenFilter.token(MockServerHttpRequest.get("/api/pong/ws?access_token=t1")
                        .build()))
                .isNull();
    }

    @Test
    void writingNeedsTheWriteScopeAsAStringOrAList() {
        assertThat(BearerTokenFilter.mayWrite(jwt(Map.of("scope", "read write"))))
                .isTrue();
        assertThat(BearerTokenFilter.mayWrite(jwt(Map.of("scope", List.of("write")))))
                .isTrue();
        assertThat(BearerTokenFilter.mayWrite(jwt(Map.of("scope", "read")))).isFalse();
        assertThat(BearerTokenFilter.mayWrite(jwt(Map.of("scope", "rewrite")))).isFalse();
        assertThat(BearerTokenFilter.mayWrite(jwt(Map.of("sub", "ada")))).isFalse();
        assertThat(BearerTokenFilter.isRead(HttpMethod.HEAD)).isTrue();
        assertThat(BearerTokenFilter.isRead(HttpMethod.PATCH)).isFalse();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "HS256"), claims);
    }
}
