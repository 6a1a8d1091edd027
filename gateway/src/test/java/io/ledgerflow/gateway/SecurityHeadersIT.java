package io.ledgerflow.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Security response headers on every answer, and CORS only for the configured origins. */
class SecurityHeadersIT extends GatewayTestBase {

    @Test
    void everyAnswerCarriesTheSecurityHeadersButNoHstsOverPlainHttp() {
        for (String path : new String[] {"/api/calc/echo/x", "/api/nowhere"}) {
            gateway()
                    .get()
                    .uri(path)
                    .exchange()
                    .expectHeader()
                    .valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader()
                    .valueEquals("X-Frame-Options", "DENY")
                    .expectHeader()
                    .valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader()
                    .exists("Content-Security-Policy")
                    .expectHeader()
                    .doesNotExist("Strict-Transport-Security");
        }
    }

    @Test
    void behindAnHttpsProxyAnswersCarryHsts() {
        gateway()
                .get()
                .uri("/api/calc/echo/x")
                .header("X-Forwarded-Proto", "https")
                .exchange()
                .expectHeader()
                .valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void aConfiguredOriginMayCallTheApiAndAnotherMayNot() {
        gateway()
                .options()
                .uri("/api/calc/workspaces/acme/workbooks")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
        gateway()
                .options()
                .uri("/api/calc/workspaces/acme/workbooks")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        gateway()
                .get()
                .uri("/api/calc/echo/x")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
    }
}
