package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** pong-service's shard hosts: none by default; with some, a Deployment of the same image that hosts games' shards. */
class PongShardHostsTest {

    @Test
    void byDefaultAGamesShardsRunInThePongServicePod() {
        RenderedChart chart = RenderedChart.defaults();
        assertThat(chart.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .doesNotContain(nameOf("pong-shard-host"));
        assertThat(env(container(chart, "pong-service"))).doesNotContainKey("PONG_SHARDS_PLACEMENT");
    }

    @Test
    void shardHostsRunThePongImageAsHostsAndThePongServicePlacesShardsOnThem() {
        RenderedChart chart = RenderedChart.with(Map.of("pongService.shardHosts.replicaCount", 3));
        Deployment hosts = chart.get(Deployment.class, nameOf("pong-shard-host"));
        assertThat(hosts.getSpec().getReplicas()).isEqualTo(3);
        assertThat(hosts.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Container host = container(chart, "pong-shard-host");
        assertThat(host.getImage()).isEqualTo(container(chart, "pong-service").getImage());
        assertThat(env(host))
                .containsEntry("PONG_SHARD_HOST_ENABLED", "true")
                .containsEntry("PONG_RESUME_ON_START", "false");
        assertThat(env(host)).containsKeys("DB_URL", "KAFKA_BOOTSTRAP_SERVERS");

        assertThat(chart.get(NetworkPolicy.class, nameOf("pong-shard-host"))).isNotNull();

        Deployment pong = chart.get(Deployment.class, nameOf("pong-service"));
        assertThat(pong.getSpec().getReplicas()).as("still one game instance").isEqualTo(1);
        assertThat(env(container(chart, "pong-service"))).containsEntry("PONG_SHARDS_PLACEMENT", "remote");
    }

    private static Container container(RenderedChart chart, String component) {
        return chart.get(Deployment.class, nameOf(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
