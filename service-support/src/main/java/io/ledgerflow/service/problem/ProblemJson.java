package io.ledgerflow.service.problem;

import io.ledgerflow.http.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problems ({@link Problems}) written outside Spring MVC's message converters: by a servlet filter that refuses a request before it
 * reaches a controller, and by the servlet container's own error report ({@link ProblemErrorReportValve}).
 */
public final class ProblemJson {

    private ProblemJson() {}

    /** The problem as JSON ({@link Problems#fields}). */
    public static byte[] bytes(ProblemDetail problem) {
        return Problems.bytes(problem, JsonMapper.shared());
    }

    /** Writes the problem as the whole response (status, content type, body). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = bytes(problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
