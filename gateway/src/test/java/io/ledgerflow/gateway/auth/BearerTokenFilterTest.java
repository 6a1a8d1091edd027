package io.ledgerflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

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
}
