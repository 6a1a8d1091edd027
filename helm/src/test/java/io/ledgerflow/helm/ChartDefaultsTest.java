package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.COMPONENTS;
import static io.ledgerflow.helm.RenderedChart.nameOf;
import static io.ledgerflow.helm.RenderedChart.selectorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart rendered with its default values. */
class ChartDefaultsTest {

    private final RenderedChart chart = RenderedChart.defaults();

    private static final Map<String, Integer[]> PORTS = Map.of(
            "gateway", new Integer[] {8080, 9080},
            "calculation-service", new Integer[] {8081, 9081},
            "linking-service", new Integer[] {8082, 9082},
            "data-sharing-service", new Integer[] {8083, 9083},
            "pong-service", new Integer[] {8084, 9084});

    private Container container(String component) {
        List<Container> containers = chart.get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void rendersExactlyTheExpectedResources() {
        Map<String, Long> kinds =
                chart.resources.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
        assertThat(kinds)
                .containsOnly(
                        Map.entry("Deployment", 5L),
                        Map.entry("Service", 5L),
                        Map.entry("PodDisruptionBudget", 4L), // not for pong-service's single pod
                        Map.entry("NetworkPolicy", 5L),
                        Map.entry("ServiceAccount", 1L),
                        Map.entry("ConfigMap", 2L)); // the topics and the dashboard; the hook Jobs: HookJobsTest
        assertThat(chart.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(
                        COMPONENTS.keySet().stream().map(RenderedChart::nameOf).toList());
        assertThat(chart.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(chart.all(Ingress.class)).isEmpty();
    }

    @Test
    void everyDeploymentProbesHealthOnTheManagementPort() {
        PORTS.forEach((component, ports) -> {
            Container c = container(component);
            assertThat(c.getPorts())
                    .extracting(p -> p.getName() + "=" + p.getContainerPort())
                    .containsExactlyInAnyOrder("http=" + ports[0], "management=" + ports[1]);
            assertProbe(c.getLivenessProbe(), "/actuator/health/liveness");
            assertProbe(c.getReadinessProbe(), "/actuator/health/readiness");
            assertProbe(c.getStartupProbe(), "/actuator/health/liveness");
            assertThat(c.getStartupProbe().getFailureThreshold()
                            * c.getStartupProbe().getPeriodSeconds())
                    .as("start-up budget of %s in seconds", component)
                    .isGreaterThanOrEqualTo(150);
            Map<String, EnvVar> env = env(c);
            assertThat(env.get("SERVER_PORT").getValue()).isEqualTo(String.valueOf(ports[0]));
            assertThat(env.get("MANAGEMENT_PORT").getValue()).isEqualTo(String.valueOf(ports[1]));
            assertThat(chart.get(Deployment.class, nameOf(component))
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(ports[1]))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
        });
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("management"));
    }

    @Test
    void everyWorkloadHasResourcesAndARestrictedSecurityContext() {
        for (Deployment d : chart.all(Deployment.class)) {
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getServiceAccountName()).isEqualTo("lf-ledgerflow");
            Container c = pod.getContainers().get(0);
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKeys("memory");
            var sc = c.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(c.getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getVolumes())
                    .anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(env(c).get("JAVA_TOOL_OPTIONS").getValue())
                    .contains("-XX:MaxRAMPercentage=75.0", "-XX:InitialRAMPercentage=75.0");
            assertThat(env(c).get("LOG_FORMAT").getValue()).isEqualTo("ecs");
            assertThat(env(c).get("KAFKA_BOOTSTRAP_SERVERS").getValue()).isNotBlank();
        }
        assertThat(chart.all(ServiceAccount.class))
                .singleElement()
                .satisfies(
                        sa -> assertThat(sa.getAutomountServiceAccountToken()).isFalse());
    }

    @Test
    void everyResourceCarriesTheStandardLabels() {
        for (HasMetadata r : chart.resources) {
            assertThat(r.getMetadata().getLabels())
                    .as("labels of %s %s", r.getKind(), r.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/name", "ledgerflow")
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsKey("helm.sh/chart");
            assertThat(r.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        }
        for (String component : COMPONENTS.keySet()) {
            Deployment d = chart.get(Deployment.class, nameOf(component));
            assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", component);
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(selectorOf(component))
                    .containsKey("app.kubernetes.io/version");
        }
    }

    @Test
    void selectorsUseOnlyNameInstanceAndComponent() {
        for (String component : COMPONENTS.keySet()) {
            Map<String, String> selector = selectorOf(component);
            assertThat(chart.get(Deployment.class, nameOf(component))
                            .getSpec()
                            .getSelector()
                            .getMatchLabels())
                    .isEqualTo(selector);
            assertThat(chart.get(Deployment.class, nameOf(component))
                            .getSpec()
                            .getSelector()
                            .getMatchExpressions())
                    .isNullOrEmpty();
            assertThat(chart.get(Service.class, nameOf(component)).getSpec().getSelector())
                    .isEqualTo(selector);
            if (!component.equals("pong-service")) { // one pod, no budget
                assertThat(chart.get(PodDisruptionBudget.class, nameOf(component))
                                .getSpec()
                                .getSelector()
                                .getMatchLabels())
                        .isEqualTo(selector);
            }
        }
    }

    @Test
    void servicesExposeOnlyHttpAndOnlyTheGatewayIsConfigurable() {
        for (String component : COMPONENTS.keySet()) {
            Service s = chart.get(Service.class, nameOf(component));
            assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(s.getSpec().getPorts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http")));
        }
        assertThat(chart.get(Service.class, nameOf("gateway"))
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getPort())
                .isEqualTo(80);
    }

    @Test
    void databasePasswordsComeOnlyFromExistingSecrets() {
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(env(container("gateway"))).doesNotContainKeys("DB_URL", "DB_USER", "DB_PASSWORD");
        Map<String, String> users = Map.of(
                "calculation-service", "calculation",
                "linking-service", "linking",
                "data-sharing-service", "sharing",
                "pong-service", "pong");
        users.forEach((component, user) -> {
            Map<String, EnvVar> env = env(container(component));
            assertThat(env.get("DB_URL").getValue())
                    .startsWith("jdbc:postgresql://")
                    .endsWith("/" + user);
            assertThat(env.get("DB_USER").getValue()).isEqualTo(user);
            EnvVar password = env.get("DB_PASSWORD");
            assertThat(password.getValue()).isNull();
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ledgerflow-" + user + "-db");
            assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
        assertThat(chart.yaml).doesNotContainIgnoringCase("password:");
    }

    @Test
    void gatewayReachesEveryServiceThroughItsService() {
        Map<String, EnvVar> env = env(container("gateway"));
        assertThat(env.get("CALC_URL").getValue()).isEqualTo("http://lf-ledgerflow-calculation-service:8081");
        assertThat(env.get("LINKING_URL").getValue()).isEqualTo("http://lf-ledgerflow-linking-service:8082");
        assertThat(env.get("SHARING_URL").getValue()).isEqualTo("http://lf-ledgerflow-data-sharing-service:8083");
        assertThat(env.get("PONG_URL").getValue()).isEqualTo("http://lf-ledgerflow-pong-service:8084");
        for (String component : COMPONENTS.keySet()) {
            if (!component.equals("gateway")) {
                assertThat(env(container(component))).doesNotContainKeys("CALC_URL", "PONG_URL");
            }
        }
    }

    @Test
    void imagesDefaultToTheAppVersion() {
        COMPONENTS
                .keySet()
                .forEach(component ->
                        assertThat(container(component).getImage()).isEqualTo("ledgerflow/" + component + ":0.1.0"));
        assertThat(container("gateway").getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void pongRunsInOnePodThatIsReplacedNotRolled() {
        Deployment pong = chart.get(Deployment.class, nameOf("pong-service"));
        assertThat(pong.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pong.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(pong.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(chart.all(PodDisruptionBudget.class))
                .extracting(pdb -> pdb.getMetadata().getName())
                .doesNotContain(nameOf("pong-service"));
    }

    @Test
    void budgetsKeepOnePodOfTwo() {
        for (String component : COMPONENTS.keySet()) {
            if (component.equals("pong-service")) {
                continue; // one pod, no budget: pongRunsInOnePodThatIsReplacedNotRolled
            }
            assertThat(chart.get(Deployment.class, nameOf(component)).getSpec().getReplicas())
                    .isEqualTo(2);
            assertThat(chart.get(PodDisruptionBudget.class, nameOf(component))
                            .getSpec()
                            .getMinAvailable())
                    .isEqualTo(new IntOrString(1));
        }
    }
}
