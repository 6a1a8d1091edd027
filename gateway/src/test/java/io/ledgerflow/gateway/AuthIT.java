package io.ledgerflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ledgerflow.gateway.problem.GatewayProblems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** JWT bearer authentication and the workspace (tenant) check, in a context of its own with auth enabled. */
@TestPropertySource(
        properties = {
            "ledgerflow.gateway.auth.enabled=true",
            "ledgerflow.gateway.auth.jwt-secret=" + AuthIT.SECRET,
            "ledgerflow.gateway.auth.issuer=" + AuthIT.ISSUER,
        })
class AuthIT extends GatewayTestBase {

    static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    static final String ISSUER = "https://id.ledgerflow.test";

    @Test
    void aRequestWithoutATokenIsA401Problem() {
        gateway()
                .get()
                .uri("/api/calc/workspaces/acme/workbooks")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.UNAUTHORIZED.toString());
    }

    @Test
    void aTokenThatIsForgedExpiredOrFromAnotherIssuerIsA401Problem() throws JOSEException {
        List<String> tokens = List.of(
                token("x".repeat(40), ISSUER, List.of("acme"), Instant.now().plusSeconds(60)),
                token(SECRET, ISSUER, List.of("acme"), Instant.now().minusSeconds(600)),
                token(
                        SECRET,
                        "https://elsewhere",
                        List.of("acme"),
                        Instant.now().plusSeconds(60)));
        for (String token : tokens) {
            gateway()
                    .get()
                    .uri("/api/calc/workspaces/acme/workbooks")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(GatewayProblems.UNAUTHORIZED.toString());
        }
    }

    @Test
    void aValidTokenPassesToItsWorkspaceAndReachesTheServiceInTheAuthorizationHeader() throws JOSEException {
        String token =
                token(SECRET, ISSUER, List.of("acme", "globex"), Instant.now().plusSeconds(60));
        gateway()
                .post()
                .uri("/api/linking/workspaces/globex/links")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.path")
                .isEqualTo("/api/linking/workspaces/globex/links")
                .jsonPath("$.authorization")
                .isEqualTo("Bearer " + token);
    }

    @Test
    void anEncodedSlashIsRefusedBeforeAnyWorkspaceCheck() throws JOSEException {
        // The request head guard refuses %2F in a path for everyone (400), so it tells nothing about workspaces.
        String token = token(SECRET, ISSUER, List.of("acme"), Instant.now().plusSeconds(60));
        gateway()
                .get()
                .uri(URI.create("http://127.0.0.1:" + port + "/api/sharing/workspaces/acme%2F..%2Fglobex/datasets"))
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(GatewayProblems.INVALID_REQUEST_TARGET.toString());
    }

    @Test
    void aValidTokenForAnotherWorkspaceIsA404ProblemLikeAMissingResource() throws JOSEException {
        String token = token(SECRET, ISSUER, List.of("acme"), Instant.now().plusSeconds(60));
        for (String path : List.of(
                "/api/sharing/workspaces/globex/datasets",
                "/api/sharing/workspaces/globex",
                "/api/calc/workspaces/Acme/workbooks",
                "/api/calc/workspaces/%61cme/workbooks",
                "/api/calc/WORKSPACES/globex/workbooks",
                "/api/sharing/workspaces/acme/../globex/datasets",
                "/api/sharing/workspaces/acme/%2e%2e/globex/datasets",
                "/api/sharing//workspaces/globex/datasets",
                "/api/sharing/workspaces/acme;x=1/datasets")) {
            gateway()
                    .get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(GatewayProblems.NOT_FOUND.toString())
                    .jsonPath("$.authorization")
                    .doesNotExist();
        }
    }

    @Test
    void aReadOnlyTokenReadsButEveryWriteIsA403Problem() throws JOSEException {
        String token =
                token(SECRET, ISSUER, List.of("acme"), "read", Instant.now().plusSeconds(60));
        gateway()
                .get()
                .uri("/api/calc/workspaces/acme/workbooks")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            gateway()
                    .method(method)
                    .uri("/api/calc/workspaces/acme/workbooks")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"write\"")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(GatewayProblems.READ_ONLY_TOKEN.toString());
        }
    }

    @Test
    void theServicesOpenApiDocumentsStayPublicForTheSwaggerUi() {
        gateway()
                .get()
                .uri("/api/pong/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("pong stub");
    }

    @Test
    void aServicesBrowserPageLoadsWithoutAToken() {
        gateway()
                .get()
                .uri("/api/pong/play/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("pong page"));
    }

    @Test
    void aWebSocketMayCarryTheTokenInTheQuery() throws JOSEException {
        String token = token(SECRET, ISSUER, List.of("acme"), Instant.now().plusSeconds(60));
        String reply = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/api/pong/ws/echo?access_token=" + token)
                .handle((in, out) -> out.sendString(Mono.just("serve"))
                        .then()
                        .thenMany(in.receive().asString().take(1)))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(reply).isEqualTo("pong:serve");

        Integer status = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/api/pong/ws/echo")
                .handle((in, out) -> in.receive().asString())
                .then()
                .thenReturn(101)
                .onErrorResume(e -> Mono.just(401))
                .block(Duration.ofSeconds(10));
        assertThat(status).isEqualTo(401);
    }

    private static String token(String secret, String issuer, List<String> workspaces, Instant expires)
            throws JOSEException {
        return token(secret, issuer, workspaces, "read write", expires);
    }

    private static String token(String secret, String issuer, List<String> workspaces, String scope, Instant expires)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("ada")
                        .issuer(issuer)
                        .claim("workspaces", workspaces)
                        .claim("scope", scope)
                        .issueTime(Date.from(expires.minusSeconds(3600)))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
