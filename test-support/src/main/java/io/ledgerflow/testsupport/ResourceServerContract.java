package io.ledgerflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service answers as an OAuth2 resource server (service-support's {@code security} package), run against
 * the service itself, not through the gateway: no token or a bad one is 401 problem+json with a
 * {@code WWW-Authenticate} challenge; another workspace is 404; a read-only token's write is 403; the OpenAPI document
 * is public. A service's {@code @IntegrationTest SecurityIT} extends this and names its collection and how to create
 * one resource.
 */
public abstract class ResourceServerContract {

    @LocalServerPort
    int port;

    private final String service;
    private final String resources;
    private final @Nullable String newResource;

    protected String workspace;
    protected String other;

    /**
     * @param service the service's path prefix ({@code /api/{service}/...})
     * @param resources a collection under the workspace, e.g. {@code workbooks}
     * @param newResource a JSON body that creates one resource there, or null when the service has none to create
     */
    protected ResourceServerContract(String service, String resources, @Nullable String newResource) {
        this.service = service;
        this.resources = resources;
        this.newResource = newResource;
    }

    private String collection(String workspace) {
        return "/api/" + service + "/workspaces/" + workspace + "/" + resources;
    }

    @BeforeEach
    void workspaces() {
        workspace = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        other = "sec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Http http() {
        return new Http("http://localhost:" + port);
    }

    @Test
    void aRequestWithoutATokenIs401WithABearerChallenge() {
        Http.Response response = http().withoutToken().get(collection(workspace));
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("bearer token is required");
    }

    @Test
    void aTokenSignedWithAnotherKeyOrExpiredIs401InvalidToken() {
        String forged = Tokens.token(
                "another-key-of-at-least-thirty-two-bytes", "mallory", List.of(workspace), "read write", hour());
        String expired =
                Tokens.token(Tokens.secret(), "late", List.of(workspace), "read write", Duration.ofMinutes(-5));
        for (String token : List.of(forged, expired, "not-a-jwt")) {
            Http.Response response = http().withToken(token).get(collection(workspace));
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
        }
    }

    @Test
    void anotherWorkspaceIs404ForReadsAndWrites() {
        Http foreign = http().withToken(Tokens.forWorkspaces(other));
        Http.Response read = foreign.get(collection(workspace));
        assertThat(read.status()).as(read.body()).isEqualTo(404);
        assertThat(read.isProblem()).isTrue();
        Http.Response write = foreign.postJson(collection(workspace), body());
        assertThat(write.status()).as(write.body()).isEqualTo(404);
        assertThat(write.isProblem()).isTrue();

        String created = createdByOwner();
        if (created != null) {
            assertThat(foreign.get(created).status()).isEqualTo(404);
            assertThat(foreign.delete(created).status()).isEqualTo(404);
            assertThat(http().get(created).status())
                    .as("the owner still sees it")
                    .isEqualTo(200);
        }
    }

    @Test
    void theWorkspacesClaimMayBeASingleString() {
        String token = Tokens.token(Tokens.secret(), "solo", workspace, "read write", hour());
        Http.Response response = http().withToken(token).get(collection(workspace));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aReadOnlyTokenReadsButEveryWriteIs403() {
        Http reader = http().withToken(Tokens.readOnly(workspace));
        assertThat(reader.get(collection(workspace)).status()).isEqualTo(200);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            Http.Response write = reader.send(method, collection(workspace), "application/json", body());
            assertThat(write.status()).as(method + " " + write.body()).isEqualTo(403);
            assertThat(write.isProblem()).isTrue();
            assertThat(write.body()).contains("'write' scope");
        }
    }

    @Test
    void theOpenApiDocumentIsPublic() {
        Http.Response docs = http().withoutToken().get("/api/" + service + "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
    }

    private @Nullable String createdByOwner() {
        if (newResource == null) {
            return null;
        }
        Http.Response created = http().postJson(collection(workspace), newResource);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.headers()
                .firstValue("Location")
                .map(ResourceServerContract::pathOf)
                .orElseThrow();
    }

    /** The path of a {@code Location} header, absolute or not. */
    private static String pathOf(String location) {
        return location.startsWith("/") ? location : URI.create(location).getRawPath();
    }

    private String body() {
        return newResource == null ? "{}" : newResource;
    }

    private static Duration hour() {
        return Duration.ofHours(1);
    }
}
