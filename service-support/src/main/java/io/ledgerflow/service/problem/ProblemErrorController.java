package io.ledgerflow.service.problem;

import io.ledgerflow.http.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MultipartException;

/**
 * The servlet container's error page ({@code /error}) as problem+json, in place of Spring Boot's
 * {@code BasicErrorController} (whose JSON is not RFC 9457). Reached by errors raised outside a controller: a filter
 * that fails, a form or multipart body that cannot be parsed, a {@code sendError} from the container. A failure the
 * client caused (an unparseable body or parameter) is a 400, never a 500.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(produces = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        ProblemDetail problem = problemFor(request);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException e) {
                // A request URI that is not a valid URI reference: no instance rather than a wrong one.
            }
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.bytes(problem));
    }

    private static ProblemDetail problemFor(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer)) {
            // Asked for directly (GET /error), not dispatched by the container for an error: there is nothing here.
            return Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such resource.");
        }
        int status = (Integer) code;
        if (causedBy(failure, InvalidParameterException.class) || causedBy(failure, MultipartException.class)) {
            return Problems.problem(
                    HttpStatus.BAD_REQUEST,
                    "malformed-body",
                    "Malformed request",
                    "The request's parameters or form/multipart body cannot be parsed: " + rootMessage(failure));
        }
        if (status >= 500) {
            log.error("unexpected error outside a controller (status {})", status, failure);
            return Problems.problem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal",
                    "Internal error",
                    "The request could not be completed; nothing was changed.");
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ProblemErrorReportValve.generic(
                status,
                message instanceof String text && !text.isBlank() ? text : "The request was refused (" + status + ").");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
