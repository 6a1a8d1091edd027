package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.COMPONENTS;
import static io.ledgerflow.helm.RenderedChart.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The images the {@code images} profile builds (root pom, Jib) are the images the chart runs: same
 * names and tag, same ports, same user, the JVM flags the chart passes, a real main class. Change one
 * side only and this fails.
 */
class ImagesMatchChartTest {

    private final RenderedChart chart = RenderedChart.defaults();

    private PodSpec pod(String component) {
        return chart.get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec();
    }

    private String appVersion() {
        return chart.get(Deployment.class, nameOf("gateway"))
                .getMetadata()
                .getLabels()
                .get("app.kubernetes.io/version");
    }

    @Test
    void everyComponentOfTheChartIsAnImageOfTheBuild() {
        for (String component : COMPONENTS.keySet()) {
            ImageBuild build = ImageBuild.of(component);
            Container container = pod(component).getContainers().get(0);
            assertThat(build.skip()).as("%s builds an image", component).isFalse();
            assertThat(container.getImage())
                    .as("the chart's default image of %s", component)
                    .isEqualTo(build.repository() + ":" + appVersion());
            assertThat(build.image()).startsWith("REGISTRY/ledgerflow/" + component + ":");
            assertThat(build.tags()).as("tags of %s", component).contains(appVersion());
        }
    }

    @Test
    void theReleaseTagIsTheProjectVersionWithoutQualifier() {
        ImageBuild build = ImageBuild.of("gateway");
        String projectVersion = build.labels().get("org.opencontainers.image.version");
        assertThat(projectVersion.replace("-SNAPSHOT", "")).isEqualTo(appVersion());
        assertThat(build.image()).endsWith(":" + projectVersion);
    }

    @Test
    void portsUserAndJvmFlagsAgree() {
        for (String component : COMPONENTS.keySet()) {
            ImageBuild build = ImageBuild.of(component);
            PodSpec pod = pod(component);
            Container container = pod.getContainers().get(0);
            assertThat(build.ports())
                    .as("ports of %s", component)
                    .containsExactlyElementsOf(container.getPorts().stream()
                            .map(ContainerPort::getContainerPort)
                            .toList());
            var sc = container.getSecurityContext();
            assertThat(build.user()).isEqualTo(sc.getRunAsUser() + ":" + sc.getRunAsGroup());
            assertThat(build.user()).doesNotStartWith("0:").doesNotStartWith("root");
            List<String> javaToolOptions = container.getEnv().stream()
                    .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                    .map(EnvVar::getValue)
                    .flatMap(v -> Arrays.stream(v.split("\\s+")))
                    .toList();
            assertThat(javaToolOptions).as("JAVA_TOOL_OPTIONS of %s", component).containsAll(build.jvmFlags());
        }
    }

    @Test
    void theEntrypointIsTheModulesSpringBootApplication() throws IOException {
        for (String component : COMPONENTS.keySet()) {
            ImageBuild build = ImageBuild.of(component);
            assertThat(build.mainClassSource())
                    .as("main class of %s", component)
                    .exists();
            assertThat(Files.readString(build.mainClassSource()))
                    .contains("@SpringBootApplication")
                    .contains("SpringApplication.run(");
            assertThat(build.appRoot()).isEqualTo("/app");
        }
    }

    @Test
    void imagesAreReproducibleAndLabelled() {
        for (String component : COMPONENTS.keySet()) {
            ImageBuild build = ImageBuild.of(component);
            assertThat(build.creationTime()).isEqualTo("EPOCH");
            assertThat(build.labels())
                    .containsKeys(
                            "org.opencontainers.image.version",
                            "org.opencontainers.image.revision",
                            "org.opencontainers.image.source")
                    .containsEntry("org.opencontainers.image.title", component);
        }
    }
}
