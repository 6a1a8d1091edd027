package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.nameOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Authentication is on unless disabled, needs a key source, and reaches the gateway and every service. */
class AuthTest {

    private static Map<String, EnvVar> env(RenderedChart chart, String component) {
        return chart
                .get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void withASecretEveryComponentVerifiesTokensWithTheKeyItHolds() {
        RenderedChart chart =
                RenderedChart.with(Map.of("auth.existingSecret", "lf-jwt", "auth.existingSecretKey", "k"));
        for (String component : RenderedChart.COMPONENTS.keySet()) {
            Map<String, EnvVar> env = env(chart, component);
            assertThat(env.get("AUTH_ENABLED").getValue()).as(component).isEqualTo("true");
            assertThat(env.get("AUTH_JWT_SECRET")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("lf-jwt");
            assertThat(env.get("AUTH_JWT_SECRET")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getKey())
                    .isEqualTo("k");
            assertThat(env).doesNotContainKeys("AUTH_JWK_SET_URI", "AUTH_ISSUER");
        }
    }

    @Test
    void withAnIdentityProviderEveryComponentGetsItsJwksAndIssuer() {
        RenderedChart chart = RenderedChart.with(
                Map.of("auth.jwksUri", "https://id.example.com/jwks", "auth.issuer", "https://id.example.com"));
        for (String component : RenderedChart.COMPONENTS.keySet()) {
            Map<String, EnvVar> env = env(chart, component);
            assertThat(env.get("AUTH_ENABLED").getValue()).isEqualTo("true");
            assertThat(env.get("AUTH_JWK_SET_URI").getValue()).as(component).isEqualTo("https://id.example.com/jwks");
            assertThat(env.get("AUTH_ISSUER").getValue()).isEqualTo("https://id.example.com");
            assertThat(env).doesNotContainKey("AUTH_JWT_SECRET");
        }
    }

    @Test
    void onWithNeitherAKeyNorAnIdentityProviderDoesNotRender() {
        assertThatThrownBy(() -> RenderedChart.template(Map.of("auth.existingSecret", "")))
                .hasMessageContaining("auth.enabled is true (the default) but no key is set")
                .hasMessageContaining("auth.jwksUri")
                .hasMessageContaining("auth.existingSecret");
    }

    @Test
    void offIsExplicitReachesEveryComponentAndTheNotesWarnLoudly() {
        RenderedChart chart = RenderedChart.with(Map.of("auth.enabled", false));
        for (String component : RenderedChart.COMPONENTS.keySet()) {
            Map<String, EnvVar> env = env(chart, component);
            assertThat(env.get("AUTH_ENABLED").getValue()).as(component).isEqualTo("false");
            assertThat(env).doesNotContainKeys("AUTH_JWT_SECRET", "AUTH_JWK_SET_URI");
        }
        assertThat(NotesTest.notes(Map.of("auth.enabled", false))).contains("AUTHENTICATION IS OFF");
        assertThat(NotesTest.notes(Map.of())).contains("Authentication is on").doesNotContain("IS OFF");
    }
}
