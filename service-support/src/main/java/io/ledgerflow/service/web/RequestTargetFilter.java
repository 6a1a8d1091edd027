package io.ledgerflow.service.web;

import io.ledgerflow.http.Problems;
import io.ledgerflow.http.RequestTargetRules;
import io.ledgerflow.service.problem.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 problem+json before anything else runs, a request whose path or query string is not what a
 * URI may carry: percent-encoding that is invalid or not UTF-8, and NUL or other control characters, raw or encoded.
 * Tomcat already refuses the worst of these in the path (encoded slash, NUL) before any filter; this filter covers
 * what it lets through (an encoded control character in the path, anything in the query string) and names the part
 * that is wrong. The query string is checked here, before Tomcat parses parameters, so a bad one can never surface
 * as a 500 from deep inside the framework.
 */
public class RequestTargetFilter extends OncePerRequestFilter implements Ordered {

    /** First, even before tracing: nothing downstream should see such a request. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problemWith(request.getRequestURI(), request.getQueryString());
        if (problem != null) {
            ProblemDetail detail = Problems.invalidRequestTarget(problem);
            ProblemJson.write(response, detail);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with this raw path and query string, or null when nothing is. */
    static String problemWith(String rawPath, String rawQuery) {
        String pathProblem = problemWith(rawPath, false);
        if (pathProblem != null) {
            return "The path " + pathProblem + ".";
        }
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String nameProblem = problemWith(name, true);
            if (nameProblem != null) {
                return "A query parameter name " + nameProblem + ".";
            }
            if (equals >= 0) {
                String valueProblem = problemWith(pair.substring(equals + 1), true);
                if (valueProblem != null) {
                    return "The query parameter '" + printable(decode(name, true)) + "' " + valueProblem + ".";
                }
            }
        }
        return null;
    }

    private static String problemWith(String raw, boolean plusIsSpace) {
        return RequestTargetRules.problemWithPart(raw, plusIsSpace);
    }

    static String decode(String raw, boolean plusIsSpace) {
        return RequestTargetRules.decode(raw, plusIsSpace);
    }

    private static String printable(String text) {
        if (text == null) {
            return "?";
        }
        String shown = text.codePoints()
                .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
    }
}
