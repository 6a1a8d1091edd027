package io.ledgerflow.eventlog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.EventSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every contract sample (what a consumer relies on) is valid against the committed schema of its type, so a
 * producer change that regenerates a schema its consumers' samples no longer fit fails here (event-log
 * README "Versions"). The schemas are generated from the producers' records by each producer's
 * {@code EventSchemasTest}.
 */
class ContractSchemasTest {

    private static final Path CONTRACTS = Path.of("src/main/resources/contracts");
    private static final JsonMapper JSON = new JsonMapper();

    static Stream<Path> samples() throws IOException {
        return Files.list(CONTRACTS)
                .filter(p -> p.getFileName().toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSamplesPayloadIsValidAgainstTheSchemaOfItsType(Path sample) throws IOException {
        JsonNode envelope = JSON.readTree(Files.readString(sample));
        String name = envelope.path("type").asString() + ".v"
                + envelope.path("version").asInt() + ".json";
        assertThat(sample.getFileName()).hasToString(name);
        Path schema = EventSchemas.directory().resolve(name);
        assertThat(schema).as("the schema of the sample %s", sample).exists();
        assertThat(EventSchemas.validate(schema, JSON.writeValueAsString(envelope.path("payload"))))
                .as("%s against %s", sample, schema)
                .isEmpty();
    }

    @Test
    void aSampleMissingARequiredFieldOrWithAnotherTypeIsRejected() throws IOException {
        Path schema = EventSchemas.directory().resolve("LinkStateChanged.v1.json");
        JsonNode payload = JSON.readTree(Files.readString(CONTRACTS.resolve("LinkStateChanged.v1.json")))
                .path("payload");
        String withoutStatus = JSON.writeValueAsString(
                ((tools.jackson.databind.node.ObjectNode) payload.deepCopy()).without(List.of("status")));
        String textRevision = JSON.writeValueAsString(
                ((tools.jackson.databind.node.ObjectNode) payload.deepCopy()).put("sourceChangedRevision", "12"));
        assertThat(EventSchemas.validate(schema, withoutStatus))
                .singleElement()
                .asString()
                .contains("status");
        assertThat(EventSchemas.validate(schema, textRevision))
                .singleElement()
                .asString()
                .contains("sourceChangedRevision");
    }

    @Test
    void everySchemaIsNamedAfterATypeAndVersion() {
        assertThat(EventSchemas.committed())
                .isNotEmpty()
                .allMatch(n -> n.matches("[A-Z][A-Za-z0-9]*\\.v[0-9]+\\.json"));
    }
}
