package io.ledgerflow.service.problem;

import io.ledgerflow.eventlog.outbox.EventTooLargeException;
import io.ledgerflow.http.Problems;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error a service answers is an RFC 9457 problem ({@code application/problem+json}) that
 * names what is wrong. Spring MVC's own errors (unreadable JSON, wrong content type, unknown path,
 * wrong method) come through {@link ResponseEntityExceptionHandler}; domain errors are mapped here.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(LimitExceededException.class)
    ProblemDetail limitExceeded(LimitExceededException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "limit-exceeded", "Limit exceeded", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail payloadTooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", e.getMessage());
    }

    /** The change would make an event larger than the log takes: nothing was committed. */
    @ExceptionHandler(EventTooLargeException.class)
    ProblemDetail eventTooLarge(EventTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Change too large", e.getMessage());
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ProblemDetail preconditionFailed(PreconditionFailedException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-revision", "Precondition failed", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail problem =
                problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", "Invalid input", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid parameter",
                "'" + e.getName() + "' cannot be '" + e.getValue() + "'");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.of(
                        "field", lastNode(violation.getPropertyPath().toString()), "message", violation.getMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", describe(errors));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** A multipart body without a boundary or with broken parts: the client's fault, not the server's. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                "The multipart body cannot be parsed: "
                        + firstLine(e.getMostSpecificCause().getMessage()));
    }

    /** Query or form parameters the container cannot decode (invalid percent-encoding, a broken form body). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameters(InvalidParameterException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request",
                "The request's parameters cannot be decoded: " + firstLine(e.getMessage()));
    }

    /** Anything unforeseen: a 500 problem without internals, logged with its stack trace. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "The request could not be completed; nothing was changed.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getMostSpecificCause().getMessage();
        String field = fieldOf(e);
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                "The body is not valid JSON for this operation"
                        + (field == null ? "" : " (at '" + field + "')")
                        + ": " + firstLine(detail));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", describe(errors));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(ProblemHandler::fieldErrors)
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", describe(errors));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A body's errors name its fields; a path or query parameter's errors name the parameter. */
    private static Stream<Map<String, String>> fieldErrors(ParameterValidationResult result) {
        if (result instanceof ParameterErrors body) {
            return body.getFieldErrors().stream()
                    .map(error ->
                            Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        return result.getResolvableErrors().stream()
                .map(error -> Map.of(
                        "field",
                        String.valueOf(result.getMethodParameter().getParameterName()),
                        "message",
                        String.valueOf(error.getDefaultMessage())));
    }

    /** The JSON path Jackson was at when it gave up ({@code cells[0].content}), or null when unknown. */
    private static String fieldOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : databind.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    private static String describe(List<Map<String, String>> errors) {
        return errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid.");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "empty or unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
