package io.ledgerflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The JSON Schemas of the suite's event payloads: generated from the event records (victools), committed
 * under event-log's {@code src/main/resources/schemas/<Type>.v<version>.json}, and checked by each
 * producer's test ({@link #assertCommitted}) and by event-log's contract test ({@link #validate}).
 *
 * <p>Generation rules: every record component is a property; it is {@code required} unless it is
 * annotated {@code @Nullable} or its record is {@code @JsonInclude(NON_NULL)} (Jackson then leaves it
 * out when null); a component of a reference type may be {@code null}. No {@code additionalProperties:
 * false}: consumers read tolerantly.
 *
 * <p>Compatibility rules ({@link #incompatibilities}), checked against the committed schema before a
 * regenerated one replaces it: no property removed, no property's type (or {@code $ref}) changed, no
 * property newly required — so only optional fields may be added. Anything else is a new version, i.e. a
 * new type with a schema of its own.
 */
public final class EventSchemas {

    /** {@code -Dledgerflow.schemas.write=true} regenerates the committed schemas (compatible changes only). */
    public static final String WRITE_PROPERTY = "ledgerflow.schemas.write";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SchemaGenerator GENERATOR = generator();
    private static final SchemaRegistry VALIDATORS =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {}

    /** The schema of {@code record}'s JSON form, as the committed file holds it. */
    public static String generate(Class<?> record) {
        try {
            return JSON.writeValueAsString(GENERATOR.generateSchema(record)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when the committed schema of {@code type}.v{@code version} differs from the one generated from
     * {@code record} (stale: regenerate with {@code -Dledgerflow.schemas.write=true}), or when the generated
     * one is not compatible with the committed one (then the change needs a new version). With the write
     * property set, a compatible schema replaces the committed one (a new one is written as it is).
     */
    public static void assertCommitted(String type, int version, Class<?> record) {
        Path file = directory().resolve(type + ".v" + version + ".json");
        String generated = generate(record);
        String committed = read(file);
        if (committed != null) {
            List<String> problems = incompatibilities(parse(committed), parse(generated));
            assertThat(problems)
                    .as(
                            "%s changed incompatibly with its committed schema %s: a new version is a new type "
                                    + "(only optional fields may be added)",
                            record.getName(), file)
                    .isEmpty();
        }
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(file, generated);
            return;
        }
        assertThat(committed)
                .as(
                        "%s is not the schema generated from %s; regenerate the schemas: %s",
                        file,
                        record.getName(),
                        "./mvnw -pl <producer> test -Dtest=EventSchemasTest -D" + WRITE_PROPERTY + "=true")
                .isEqualTo(generated);
    }

    /** {@link #assertCommitted} for version 1 of the record's own name. */
    public static void assertCommitted(Class<?> record) {
        assertCommitted(record.getSimpleName(), 1, record);
    }

    /**
     * Why {@code next} cannot replace {@code previous} under the same type and version (empty: it can): a
     * removed property, a changed type or {@code $ref}, a property required now and not before.
     */
    public static List<String> incompatibilities(JsonNode previous, JsonNode next) {
        List<String> problems = new ArrayList<>();
        compare("", previous, next, problems);
        JsonNode previousDefs = previous.path("$defs");
        for (Iterator<Map.Entry<String, JsonNode>> defs =
                        previousDefs.properties().iterator();
                defs.hasNext(); ) {
            Map.Entry<String, JsonNode> def = defs.next();
            JsonNode nextDef = next.path("$defs").get(def.getKey());
            if (nextDef == null) {
                problems.add("$defs/" + def.getKey() + " removed");
            } else {
                compare("$defs/" + def.getKey(), def.getValue(), nextDef, problems);
            }
        }
        return problems;
    }

    /** The validation errors of {@code payload} (JSON text) against the committed schema file {@code schema}. */
    public static List<String> validate(Path schema, String payload) {
        String text = read(schema);
        assertThat(text).as("schema %s", schema).isNotNull();
        List<Error> errors = VALIDATORS.getSchema(text).validate(payload, com.networknt.schema.InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** event-log's {@code src/main/resources/schemas}, found from the module the test runs in. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("event-log/src/main/resources/schemas");
            if (Files.isDirectory(candidate.getParent())) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "event-log/src/main/resources not found above " + Path.of("").toAbsolutePath());
    }

    /** The committed schema files, by name ({@code <Type>.v<version>.json}). */
    public static Set<String> committed() {
        if (!Files.isDirectory(directory())) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String path, JsonNode previous, JsonNode next, List<String> problems) {
        for (String keyword : List.of("type", "$ref", "format")) {
            JsonNode before = previous.get(keyword);
            if (before != null && !before.equals(next.get(keyword))) {
                problems.add(at(path) + keyword + " changed from " + before + " to " + next.get(keyword));
            }
        }
        Set<String> required = names(previous.path("required"));
        for (String name : names(next.path("required"))) {
            if (!required.contains(name)) {
                problems.add(at(path) + name + " is required now: a new field must be optional (@Nullable)");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        previous.path("properties").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode after = next.path("properties").get(property.getKey());
            if (after == null) {
                problems.add(at(path) + property.getKey() + " removed");
            } else {
                compare(path + "/" + property.getKey(), property.getValue(), after, problems);
            }
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (previous.path(nested).isObject() && next.path(nested).isObject()) {
                compare(path + "/" + nested, previous.get(nested), next.get(nested), problems);
            }
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path.substring(path.startsWith("/") ? 1 : 0) + ": ";
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES);
        config.forFields()
                .withRequiredCheck(field -> !optional(field))
                .withNullableCheck(field -> !field.getType().getErasedType().isPrimitive());
        return new SchemaGenerator(config.build());
    }

    /** Absent when null: {@code @Nullable} on the component, or a {@code NON_NULL} record. */
    private static boolean optional(FieldScope field) {
        boolean nullable = Stream.concat(
                        Arrays.stream(field.getRawMember().getAnnotations()),
                        Arrays.stream(field.getRawMember().getAnnotatedType().getAnnotations()))
                .map(Annotation::annotationType)
                .anyMatch(a -> a.getSimpleName().equals("Nullable"));
        JsonInclude include = field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
        return nullable || (include != null && include.value() != JsonInclude.Include.ALWAYS);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
