package io.ledgerflow.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems as the gateway and every service write them: types under one base URI, and
 * one JSON shape (the standard members first, extension members after them at the top level) for
 * the answers written outside the frameworks' message converters.
 */
public final class Problems {

    /** Every problem type of the suite is {@code TYPE_BASE + name}. */
    public static final String TYPE_BASE = "https://ledgerflow.io/problems/";

    private Problems() {}

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

    /** The members of the problem's JSON, standard ones first, extensions after them. */
    public static Map<String, Object> fields(ProblemDetail problem) {
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
        return fields;
    }

    /** The problem's JSON bytes. */
    public static byte[] bytes(ProblemDetail problem, JsonMapper json) {
        return json.writeValueAsBytes(fields(problem));
    }
}
