package io.ledgerflow.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart rendered by helm-java's bundled helm ({@code helm template}) and parsed by fabric8. Each
 * distinct set of values renders once per test JVM.
 */
final class RenderedChart {

    static final Path CHART = Path.of("ledgerflow").toAbsolutePath();
    static final String RELEASE = "lf";
    static final String NAMESPACE = "ledgerflow";
    static final String FULLNAME = "lf-ledgerflow";
    static final String KUBE_VERSION = "1.31.0";

    /** Component name to the key of its block in values.yaml. */
    static final Map<String, String> COMPONENTS = Map.of(
            "gateway", "gateway",
            "calculation-service", "calculationService",
            "linking-service", "linkingService",
            "data-sharing-service", "dataSharingService",
            "pong-service", "pongService");

    private static final Map<Map<String, Object>, RenderedChart> CACHE = new ConcurrentHashMap<>();
    private static final Map<Map<String, Object>, RenderedChart> HOOKS_CACHE = new ConcurrentHashMap<>();

    /**
     * The annotation that stands for {@code helm.sh/hook} in {@link #withHooks}: helm-java's {@code helm template}
     * leaves hooks out, so those renders use a copy of the chart whose hooks are plain resources.
     */
    static final String HOOK = "ledgerflow.test/hook";

    private static Path chartWithHooks;
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String yaml;
    final List<HasMetadata> resources;

    private RenderedChart(String yaml, List<HasMetadata> resources) {
        this.yaml = yaml;
        this.resources = resources;
    }

    static RenderedChart defaults() {
        return with(Map.of());
    }

    static RenderedChart with(Map<String, Object> values) {
        return CACHE.computeIfAbsent(new TreeMap<>(values), RenderedChart::render);
    }

    /**
     * The chart rendered with its hooks (the Jobs that run before an install or upgrade) as plain resources; their
     * {@code helm.sh/hook*} annotations are named {@code ledgerflow.test/hook*} here.
     */
    static RenderedChart withHooks(Map<String, Object> values) {
        return HOOKS_CACHE.computeIfAbsent(new TreeMap<>(values), v -> parse(template(hooksVisible(), v)));
    }

    private static synchronized Path hooksVisible() {
        if (chartWithHooks == null) {
            try {
                Path copy = Files.createTempDirectory("ledgerflow-chart-").resolve("ledgerflow");
                try (Stream<Path> files = Files.walk(CHART)) {
                    for (Path source : files.toList()) {
                        Path target = copy.resolve(CHART.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            Files.writeString(target, Files.readString(source).replace("helm.sh/hook", HOOK));
                        }
                    }
                }
                chartWithHooks = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chartWithHooks;
    }

    /** Runs {@code helm template}; throws with helm's message when lint-free rendering fails. */
    static String template(Map<String, Object> values) {
        return template(CHART, values);
    }

    private static String template(Path chart, Map<String, Object> values) {
        TemplateCommand command = new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values.forEach(command::set);
        return command.call();
    }

    private static RenderedChart render(Map<String, Object> values) {
        return parse(template(values));
    }

    private static RenderedChart parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new RenderedChart(yaml, List.copyOf(resources));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError(kind.getSimpleName() + " " + name + " not rendered"));
    }

    static String nameOf(String component) {
        return FULLNAME + "-" + component;
    }

    static Map<String, String> selectorOf(String component) {
        return Map.of(
                "app.kubernetes.io/name", "ledgerflow",
                "app.kubernetes.io/instance", RELEASE,
                "app.kubernetes.io/component", component);
    }
}
