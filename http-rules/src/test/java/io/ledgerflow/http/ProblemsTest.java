package io.ledgerflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    @Test
    void writesRfc9457MembersFirstAndExtensionsAtTheTopLevel() {
        ProblemDetail problem = Problems.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
                "The request body exceeds the limit of 10 bytes.");
        problem.setProperty("service", "calc");
        problem.setInstance(URI.create("/api/calc/x"));
        problem.setProperty("limitBytes", 10L);

        assertThat(Problems.fields(problem))
                .containsExactly(
                        Map.entry("type", "https://ledgerflow.io/problems/payload-too-large"),
                        Map.entry("title", "Request body too large"),
                        Map.entry("status", 413),
                        Map.entry("detail", "The request body exceeds the limit of 10 bytes."),
                        Map.entry("instance", "/api/calc/x"),
                        Map.entry("service", "calc"),
                        Map.entry("limitBytes", 10L));
        assertThat(new String(Problems.bytes(problem, JsonMapper.shared())))
                .startsWith("{\"type\":\"https://ledgerflow.io/problems/payload-too-large\",\"title\"");
    }

    @Test
    void anExtensionNeverOverwritesAStandardMember() {
        ProblemDetail problem = Problems.invalidRequestTarget("The path contains a NUL character.");
        problem.setProperty("status", 200);

        assertThat(Problems.fields(problem)).containsEntry("status", 400);
    }
}
