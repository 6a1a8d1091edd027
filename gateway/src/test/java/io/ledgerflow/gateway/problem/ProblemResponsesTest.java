package io.ledgerflow.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemResponsesTest {

    @Test
    void writesRfc9457MembersFirstAndExtensionsAtTheTopLevel() {
        ProblemDetail problem = GatewayProblems.payloadTooLarge(10);
        problem.setInstance(URI.create("/api/calc/x"));
        problem.setProperty("service", "calc");

        assertThat(ProblemResponses.fields(problem))
                .containsExactly(
                        java.util.Map.entry("type", GatewayProblems.PAYLOAD_TOO_LARGE.toString()),
                        java.util.Map.entry("title", "Request body too large"),
                        java.util.Map.entry("status", 413),
                        java.util.Map.entry("detail", "The request body exceeds the limit of 10 bytes."),
                        java.util.Map.entry("instance", "/api/calc/x"),
                        java.util.Map.entry("limitBytes", 10L),
                        java.util.Map.entry("service", "calc"));
    }
}
