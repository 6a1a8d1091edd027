package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.COMPONENTS;
import static io.ledgerflow.helm.RenderedChart.nameOf;
import static io.ledgerflow.helm.RenderedChart.selectorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart rendered with values a deployment changes. */
class ChartOverridesTest {

    private static final Map<String, Object> OVERRIDES = overrides();

    private static Map<String, Object> overrides() {
        Map<String, Object> values = new HashMap<>();
        COMPONENTS.values().forEach(key -> {
            values.put(key + ".autoscaling.enabled", true);
            values.put(key + ".autoscaling.minReplicas", 3);
            values.put(key + ".autoscaling.maxReplicas", 9);
            values.put(key + ".pdb.enabled", false);
        });
        values.put("global.imageRegistry", "registry.example.com/");
        values.put("global.imageTag", "1.2.3");
        values.put("pongService.image.tag", "9.9.9");
        values.put("pongService.singleInstance", false); // so that pong-service may autoscale too
        values.put("gateway.service.type", "LoadBalancer");
        values.put("ingress.enabled", true);
        values.put("ingress.host", "ledgerflow.example.com");
        values.put("ingress.className", "nginx");
        values.put("logFormat", "gelf");
        values.put("kafka.bootstrapServers", "broker-0:9092,broker-1:9092");
        values.put("networkPolicy.egress.restrict", true);
        values.put("calculationService.database.existingSecret", "calc-db");
        values.put("calculationService.database.existingSecretPasswordKey", "pw");
        return values;
    }

    private final RenderedChart chart = RenderedChart.with(OVERRIDES);

    @Test
    void autoscalingReplacesFixedReplicasAndBudgetsCanBeTurnedOff() {
        assertThat(chart.all(HorizontalPodAutoscaler.class)).hasSize(5);
        assertThat(chart.all(PodDisruptionBudget.class)).isEmpty();
        for (String component : COMPONENTS.keySet()) {
            HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, nameOf(component));
            assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(nameOf(component));
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
            assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName())
                    .isEqualTo("cpu");
            assertThat(chart.get(Deployment.class, nameOf(component)).getSpec().getReplicas())
                    .as("the HPA owns replicas of %s", component)
                    .isNull();
        }
    }

    @Test
    void onlyOneComponentCanBeAutoscaled() {
        RenderedChart one = RenderedChart.with(Map.of("linkingService.autoscaling.enabled", true));
        assertThat(one.all(HorizontalPodAutoscaler.class))
                .singleElement()
                .satisfies(h -> assertThat(h.getMetadata().getName()).isEqualTo(nameOf("linking-service")));
        assertThat(one.all(PodDisruptionBudget.class)).hasSize(4); // every component but pong-service's single pod
    }

    @Test
    void imagesUseTheGlobalRegistryAndTag() {
        assertThat(image("gateway")).isEqualTo("registry.example.com/ledgerflow/gateway:1.2.3");
        assertThat(image("pong-service")).isEqualTo("registry.example.com/ledgerflow/pong-service:9.9.9");
    }

    private String image(String component) {
        return chart.get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }

    private EnvVar env(String component, String name) {
        return chart
                .get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void environmentFollowsTheValues() {
        assertThat(env("linking-service", "LOG_FORMAT").getValue()).isEqualTo("gelf");
        assertThat(env("gateway", "KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("broker-0:9092,broker-1:9092");
        var ref = env("calculation-service", "DB_PASSWORD").getValueFrom().getSecretKeyRef();
        assertThat(ref.getName()).isEqualTo("calc-db");
        assertThat(ref.getKey()).isEqualTo("pw");
    }

    @Test
    void gatewayServiceTypeAndIngressAreConfigurable() {
        assertThat(chart.get(Service.class, nameOf("gateway")).getSpec().getType())
                .isEqualTo("LoadBalancer");
        assertThat(chart.get(Service.class, nameOf("pong-service")).getSpec().getType())
                .isEqualTo("ClusterIP");
        Ingress ingress = chart.get(Ingress.class, nameOf("gateway"));
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        var rule = ingress.getSpec().getRules().get(0);
        assertThat(rule.getHost()).isEqualTo("ledgerflow.example.com");
        assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo(nameOf("gateway"));
        assertThat(chart.all(Ingress.class)).hasSize(1);
    }

    @Test
    void restrictedEgressAllowsDnsAndTheReleaseOnly() {
        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getEgress())
                    .anySatisfy(rule -> assertThat(rule.getPorts())
                            .anySatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(53)));
            assertThat(policy.getSpec().getEgress())
                    .allSatisfy(rule -> assertThat(rule.getTo() == null && rule.getPorts() == null)
                            .as("no allow-all egress rule")
                            .isFalse());
        }
        assertThat(selectorOf("gateway")).hasSize(3);
    }

    @Test
    void networkPoliciesCanBeTurnedOff() {
        assertThat(RenderedChart.with(Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class))
                .isEmpty();
    }
}
