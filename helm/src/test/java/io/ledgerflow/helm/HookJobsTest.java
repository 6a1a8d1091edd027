package io.ledgerflow.helm;

import static io.ledgerflow.helm.RenderedChart.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hook Jobs that run before any pod of a new version: each service's migrations (migrations.job) and the
 * topics (kafka.topics.create=job), both LedgerflowOps in the service image Jib builds.
 */
class HookJobsTest {

    private static final List<String> OPS_PREFIX =
            List.of("java", "-cp", "@/app/jib-classpath-file", "io.ledgerflow.eventlog.ops.LedgerflowOps");

    private static Container container(Job job) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getResources().getLimits()).containsKey("memory");
        return c;
    }

    private static Map<String, String> hook(Job job) {
        return job.getMetadata().getAnnotations();
    }

    @Test
    void eachServiceMigratesOnceInAHookJobBeforeItsPodsAndThePodsDoNot() {
        RenderedChart chart = RenderedChart.withHooks(Map.of());
        for (String service : ConnectionSecurityTest.SERVICES) {
            Job job = chart.get(Job.class, nameOf(service + "-migration"));
            assertThat(hook(job))
                    .containsEntry(RenderedChart.HOOK, "pre-install,pre-upgrade")
                    .containsEntry(RenderedChart.HOOK + "-weight", "-5")
                    .containsEntry(RenderedChart.HOOK + "-delete-policy", "before-hook-creation,hook-succeeded");
            Container c = container(job);
            Container app =
                    ConnectionSecurityTest.pod(chart, service).getContainers().get(0);
            assertThat(c.getImage()).isEqualTo(app.getImage());
            assertThat(c.getCommand()).containsExactlyElementsOf(concat(OPS_PREFIX, "migrate"));
            Map<String, EnvVar> env = ConnectionSecurityTest.env(c);
            Map<String, EnvVar> appEnv = ConnectionSecurityTest.env(app);
            for (String name : List.of("DB_URL", "DB_USER", "DB_SSLMODE")) {
                assertThat(env.get(name).getValue())
                        .as(name)
                        .isEqualTo(appEnv.get(name).getValue());
            }
            assertThat(ConnectionSecurityTest.secretOf(env.get("DB_PASSWORD")))
                    .isEqualTo(ConnectionSecurityTest.secretOf(appEnv.get("DB_PASSWORD")));
            assertThat(appEnv.get("DB_MIGRATE_ON_START").getValue()).isEqualTo("false");
        }
        assertThat(chart.find(Job.class, nameOf("topics"))).isEmpty();
        assertThat(RenderedChart.defaults().all(Job.class))
                .as("hooks, not resources of the release (helm template leaves hooks out)")
                .isEmpty();
    }

    @Test
    void withoutTheJobEachPodMigratesAtStart() {
        RenderedChart chart = RenderedChart.withHooks(Map.of("migrations.job", false));
        assertThat(chart.all(Job.class)).isEmpty();
        for (String service : ConnectionSecurityTest.SERVICES) {
            assertThat(ConnectionSecurityTest.env(chart, service)
                            .get("DB_MIGRATE_ON_START")
                            .getValue())
                    .isEqualTo("true");
        }
    }

    @Test
    void theTopicsJobCreatesTheTopicsFirstAndTheServicesNoLonger() {
        RenderedChart chart = RenderedChart.withHooks(Map.of(
                "kafka.topics.create",
                "job",
                "kafka.topics.replicationFactor",
                3,
                "kafka.sasl.enabled",
                true,
                "kafka.sasl.existingSecret",
                "kafka-user",
                "kafka.tls.enabled",
                true,
                "kafka.tls.existingSecret",
                "kafka-ca"));
        Job job = chart.get(Job.class, nameOf("topics"));
        assertThat(hook(job)).containsEntry(RenderedChart.HOOK, "pre-install,pre-upgrade");
        assertThat(Integer.parseInt(hook(job).get(RenderedChart.HOOK + "-weight")))
                .as("before the migrations")
                .isLessThan(-5);
        Container c = container(job);
        assertThat(c.getCommand()).containsExactlyElementsOf(concat(OPS_PREFIX, "create-topics"));
        assertThat(c.getImage()).isEqualTo("ledgerflow/calculation-service:0.1.0");
        Map<String, EnvVar> env = ConnectionSecurityTest.env(c);
        assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_TOPIC_REPLICATION_FACTOR").getValue()).isEqualTo("3");
        assertThat(ConnectionSecurityTest.secretOf(env.get("KAFKA_SASL_PASSWORD")))
                .isEqualTo("kafka-user/password");
        assertThat(env).doesNotContainKey("DB_PASSWORD");
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getName()).isEqualTo("kafka-truststore"));
        for (Deployment d : chart.all(Deployment.class)) {
            Map<String, EnvVar> appEnv = ConnectionSecurityTest.env(
                    d.getSpec().getTemplate().getSpec().getContainers().get(0));
            if (appEnv.containsKey("KAFKA_CREATE_TOPICS")) {
                assertThat(appEnv.get("KAFKA_CREATE_TOPICS").getValue()).isEqualTo("false");
            }
        }
        assertThat(ConnectionSecurityTest.env(RenderedChart.defaults(), "pong-service")
                        .get("KAFKA_CREATE_TOPICS")
                        .getValue())
                .isEqualTo("true");
    }

    private static List<String> concat(List<String> prefix, String last) {
        return java.util.stream.Stream.concat(prefix.stream(), java.util.stream.Stream.of(last))
                .toList();
    }
}
