package io.ledgerflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.gateway.problem.GatewayProblems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The one Swagger UI listing every service's document through the gateway, and the management port. */
class SwaggerAndManagementIT extends GatewayTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void swaggerConfigListsTheFourServiceDocumentsEachFetchedThroughTheGateway() {
        Map<String, Object> config = gateway()
                .get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, String>> urls = (List<Map<String, String>>) config.get("urls");
        assertThat(urls)
                .extracting(url -> url.get("name"))
                .containsExactlyInAnyOrder("calc", "linking", "sharing", "pong");
        for (Map<String, String> url : urls) {
            assertThat(url.get("url")).isEqualTo("/api/" + url.get("name") + "/v3/api-docs");
            gateway()
                    .get()
                    .uri(url.get("url"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.info.title")
                    .isEqualTo(url.get("name") + " stub");
        }
    }

    @Test
    void swaggerUiIsServedAtTheGateway() {
        gateway()
                .get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .valueEquals("Location", "/swagger-ui/index.html");
        gateway()
                .get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("swagger-ui"));
    }

    @Test
    void managementPortServesProbesAndPrometheus() {
        WebTestClient management = client(managementPort);
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(metrics -> assertThat(metrics)
                        .contains("jvm_memory_used_bytes")
                        .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"calc\""));
    }

    @Test
    void mainPortNeitherServesNorRoutesActuator() {
        for (String path : List.of("/actuator/health/readiness", "/actuator/prometheus", "/actuator")) {
            gateway()
                    .get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(GatewayProblems.ROUTE_NOT_FOUND.toString());
        }
    }
}
