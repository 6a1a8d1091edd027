package io.ledgerflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class GatewaySettingsTest {

    private static GatewaySettings settings(Map<String, URI> services) {
        return new GatewaySettings(
                services,
                DataSize.ofMegabytes(1),
                new GatewaySettings.LargeBodies(
                        DataSize.ofMegabytes(256), Duration.ofMinutes(10), java.util.List.of("POST /api/calc/**")),
                DataSize.ofMegabytes(64),
                new GatewaySettings.Retry(2, Duration.ofMillis(50)),
                new GatewaySettings.RateLimit(true, 200, 100),
                new GatewaySettings.CircuitBreaker(true, 50, 20, 10, Duration.ofSeconds(10)),
                new GatewaySettings.Auth(false, null, null, null, "workspaces"));
    }

    @Test
    void keepsServicesSortedByName() {
        GatewaySettings settings = settings(Map.of(
                "pong", URI.create("http://localhost:8084"),
                "calc", URI.create("http://localhost:8081/")));

        assertThat(settings.services()).containsOnlyKeys("calc", "pong");
        assertThat(settings.services().keySet()).containsExactly("calc", "pong");
    }

    @Test
    void rejectsALargeBodyRouteThatIsNotMethodAndPattern() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GatewaySettings.LargeBodies(
                        DataSize.ofMegabytes(1),
                        Duration.ofMinutes(10),
                        java.util.List.of("/api/calc/workspaces/*/workbooks/import")))
                .withMessageContaining("must be 'METHOD /path/pattern'");
    }

    @Test
    void rejectsANameThatCannotBeAPathPrefix() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("Calc/x", URI.create("http://localhost:8081"))))
                .withMessageContaining("/api/Calc/x");
    }

    @Test
    void rejectsABaseUriThatIsNotPlainHttp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("calc", URI.create("localhost:8081"))))
                .withMessageContaining("http(s) base URI");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("calc", URI.create("http://localhost:8081/api/calc"))))
                .withMessageContaining("without a path");
    }

    @Test
    void enabledAuthNeedsAKeyAndAStrongEnoughSecret() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GatewaySettings.Auth(true, " ", null, null, "workspaces"))
                .withMessageContaining("AUTH_JWT_SECRET");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GatewaySettings.Auth(true, "too-short", null, null, "workspaces"))
                .withMessageContaining("32 bytes");
        assertThat(new GatewaySettings.Auth(true, null, URI.create("http://idp/jwks"), "", "workspaces").issuer())
                .isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GatewaySettings.Auth(true, null, URI.create(""), null, "workspaces"))
                .withMessageContaining("AUTH_JWK_SET_URI");
    }
}
