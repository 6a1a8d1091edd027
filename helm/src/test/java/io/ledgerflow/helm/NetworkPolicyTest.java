package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.COMPONENTS;
import static io.ledgerflow.helm.RenderedChart.nameOf;
import static io.ledgerflow.helm.RenderedChart.selectorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With default values, only the gateway's http port admits traffic from outside the release. */
class NetworkPolicyTest {

    private final RenderedChart chart = RenderedChart.defaults();

    private NetworkPolicy policy(String component) {
        return chart.get(NetworkPolicy.class, nameOf(component));
    }

    private static NetworkPolicyIngressRule ruleFor(NetworkPolicy policy, String port) {
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> new IntOrString(port).equals(p.getPort())))
                .toList();
        assertThat(rules).as("ingress rules for port %s", port).hasSize(1);
        assertThat(rules.get(0).getPorts()).hasSize(1);
        return rules.get(0);
    }

    @Test
    void everyComponentIsIsolatedForIngressAndEgressIsOpenByDefault() {
        for (String component : COMPONENTS.keySet()) {
            NetworkPolicy policy = policy(component);
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(selectorOf(component));
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress())
                    .as("every ingress rule of %s names its port", component)
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.getPorts()).isNotEmpty());
        }
    }

    @Test
    void onlyTheGatewayHttpPortIsOpenToEveryone() {
        assertThat(ruleFor(policy("gateway"), "http").getFrom()).isNullOrEmpty();
        for (String component : COMPONENTS.keySet()) {
            if (component.equals("gateway")) {
                continue;
            }
            List<NetworkPolicyPeer> from = ruleFor(policy(component), "http").getFrom();
            assertThat(from).as("who may call %s", component).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(selectorOf("gateway"));
            });
        }
    }

    @Test
    void managementPortAdmitsOnlyTheMonitoringNamespace() {
        for (String component : COMPONENTS.keySet()) {
            List<NetworkPolicyPeer> from =
                    ruleFor(policy(component), "management").getFrom();
            assertThat(from)
                    .singleElement()
                    .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                            .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring")));
        }
        NetworkPolicy custom = RenderedChart.with(
                        Map.of("networkPolicy.monitoring.namespaceSelector.matchLabels.team", "observability"))
                .get(NetworkPolicy.class, nameOf("pong-service"));
        assertThat(ruleFor(custom, "management")
                        .getFrom()
                        .get(0)
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsEntry("team", "observability");
    }
}
