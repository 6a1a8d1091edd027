package io.ledgerflow.service.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problems written outside Spring MVC's message converters: by a servlet filter that refuses a request before it
 * reaches a controller, and by the servlet container's own error report ({@link ProblemErrorReportValve}).
 */
public final class ProblemJson {

    static final String TYPE_BASE = "https://ledgerflow.io/problems/";

    private ProblemJson() {}

    /** A problem of type {@code https://ledgerflow.io/problems/{type}}. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** 400: the request target (path or query) is not what a URI may carry. */
    public static ProblemDetail invalidRequestTarget(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request-target", "Invalid request target", detail);
    }

    /** RFC 9457 members first, extension members after them, at the top level. */
    public static byte[] bytes(ProblemDetail problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        if (problem.getTitle() != null) {
            fields.put("title", problem.getTitle());
        }
        fields.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            fields.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            fields.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(fields::putIfAbsent);
        }
        return JsonMapper.shared().writeValueAsBytes(fields);
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
