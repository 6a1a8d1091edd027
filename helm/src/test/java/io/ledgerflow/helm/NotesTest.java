package io.ledgerflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NOTES.txt, rendered by a client-only dry-run install (helm template does not render notes). */
class NotesTest {

    static String notes(Map<String, Object> values) {
        InstallCommand install = new Helm(RenderedChart.CHART)
                .install()
                .withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE)
                .withKubeVersion(RenderedChart.KUBE_VERSION)
                .clientOnly()
                .dryRun();
        RenderedChart.withAuthKey(values).forEach(install::set);
        return install.call().getOutput();
    }

    @Test
    void notesTellHowToReachTheGatewayAndSwaggerUi() {
        String notes = notes(Map.of());
        assertThat(notes)
                .contains("kubectl port-forward -n ledgerflow svc/lf-ledgerflow-gateway 8080:80")
                .contains("$GATEWAY_URL/swagger-ui.html")
                .contains("ledgerflow-pong-db")
                .doesNotContain("<no value>");
    }

    @Test
    void notesFollowTheIngress() {
        String notes = notes(Map.of("ingress.enabled", true, "ingress.host", "lf.example.com"));
        assertThat(notes).contains("export GATEWAY_URL=http://lf.example.com").doesNotContain("port-forward");
    }
}
