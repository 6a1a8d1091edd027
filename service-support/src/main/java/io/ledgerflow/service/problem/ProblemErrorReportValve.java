package io.ledgerflow.service.problem;

import io.ledgerflow.http.Problems;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as problem+json instead of its HTML page. Tomcat answers some requests itself before any
 * filter or controller sees them: an invalid or encoded-NUL/slash path, control characters in the request line, a
 * header it cannot parse. Installed as the host's error report valve by {@code TomcatProblemCustomizer}; errors
 * inside the application go through Spring's {@code /error} ({@link ProblemErrorController}) and never reach here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Same guards as Tomcat's own reports: only errors, only when nothing was written, only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        byte[] body = ProblemJson.bytes(problemFor(status, response.getMessage()));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is closed: nothing more to tell it.
        }
    }

    static ProblemDetail problemFor(int status, String message) {
        String detail =
                message == null || message.isBlank() ? "The server refused the request (" + status + ")." : message;
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return Problems.invalidRequestTarget("The request line or its headers are malformed: " + detail
                    + " (percent-encoding must be valid UTF-8; NUL, control characters and encoded"
                    + " slashes or backslashes are not allowed in a path).");
        }
        return generic(status, detail);
    }

    /** A problem for a status with no more specific type. */
    static ProblemDetail generic(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        if (known != null) {
            problem.setTitle(known.getReasonPhrase());
        }
        return problem;
    }
}
