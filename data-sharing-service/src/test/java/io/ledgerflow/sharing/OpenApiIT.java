package io.ledgerflow.sharing;

import static io.ledgerflow.sharing.support.SharingApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document: every operation has a summary, every parameter and request body an example. */
@IntegrationTest
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void everyOperationIsDocumentedWithExamples() {
        Http.Response response = new Http("http://localhost:" + port).get("/api/sharing/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode api = JSON.readTree(response.body());
        List<String> missing = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        api.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    String name = method.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = method.getValue();
                    operations.add(name);
                    if (!operation.hasNonNull("summary")) {
                        missing.add(name + ": summary");
                    }
                    for (JsonNode parameter : operation.path("parameters")) {
                        if (!parameter.has("example")
                                && !parameter.path("schema").has("example")) {
                            missing.add(name + ": example of parameter "
                                    + parameter.get("name").asString());
                        }
                    }
                    operation.path("requestBody").path("content").properties().forEach(content -> {
                        JsonNode media = content.getValue();
                        if (!media.has("example")
                                && !media.has("examples")
                                && !schemaHasExamples(api, media.path("schema"))) {
                            missing.add(name + ": example of the " + content.getKey() + " body");
                        }
                    });
                }));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(17);
        assertThat(missing).isEmpty();
    }

    private static boolean schemaHasExamples(JsonNode api, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            schema = api.get("components").get("schemas").get(name);
        }
        for (JsonNode property : schema.path("properties")) {
            if (property.has("example")) {
                return true;
            }
        }
        return false;
    }
}
