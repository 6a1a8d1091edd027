package io.ledgerflow.gateway.problem;

import io.ledgerflow.http.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems the gateway itself answers with (RFC 9457). Each has its own {@code type} so clients can tell a gateway
 * answer (no route, body too large, upstream down or slow) from a service's own problem, which passes through as is.
 */
public final class GatewayProblems {

    /** The same base the services use for their problem types (service-support's ProblemHandler). */
    static final String BASE = Problems.TYPE_BASE;

    public static final URI ROUTE_NOT_FOUND = URI.create(BASE + "route-not-found");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI URI_TOO_LONG = URI.create(BASE + "uri-too-long");
    public static final URI HEADERS_TOO_LARGE = URI.create(BASE + "headers-too-large");
    public static final URI INVALID_REQUEST_TARGET = URI.create(BASE + "invalid-request-target");
    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    /** The same type as a service's 404: another tenant's workspace is indistinguishable from a missing resource. */
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");

    public static final URI READ_ONLY_TOKEN = URI.create(BASE + "read-only-token");
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
    public static final URI UPSTREAM_UNAVAILABLE = URI.create(BASE + "upstream-unavailable");
    public static final URI UPSTREAM_TIMEOUT = URI.create(BASE + "upstream-timeout");
    public static final URI BAD_GATEWAY = URI.create(BASE + "bad-gateway");
    public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

    private GatewayProblems() {}

    public static ProblemDetail routeNotFound(String method, String path) {
        return problem(
                ROUTE_NOT_FOUND,
                HttpStatus.NOT_FOUND,
                "No route",
                "No route for " + method + " " + path + ": the gateway serves /api/{calc,linking,sharing,pong}/**.");
    }

    /** @param limitBytes the limit, or a negative number when it is not known (the framework's own limit hit) */
    public static ProblemDetail payloadTooLarge(long limitBytes) {
        if (limitBytes < 0) {
            return problem(
                    PAYLOAD_TOO_LARGE,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Request body too large",
                    "The request is too large.");
        }
        return overLimit(
                PAYLOAD_TOO_LARGE,
                HttpStatus.CONTENT_TOO_LARGE,
                "Request body too large",
                "The request body",
                limitBytes);
    }

    public static ProblemDetail uriTooLong(int limitBytes) {
        return overLimit(
                URI_TOO_LONG,
                HttpStatus.URI_TOO_LONG,
                "Request line too long",
                "The request line (method, path and query)",
                limitBytes);
    }

    public static ProblemDetail headersTooLarge(int limitBytes) {
        return overLimit(
                HEADERS_TOO_LARGE,
                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Request headers too large",
                "The request headers",
                limitBytes);
    }

    private static ProblemDetail overLimit(URI type, HttpStatus status, String title, String what, long limitBytes) {
        ProblemDetail problem = problem(type, status, title, what + " exceeds the limit of " + limitBytes + " bytes.");
        problem.setProperty("limitBytes", limitBytes);
        return problem;
    }

    /** 400: the path or query is not what a URI may carry (the services answer the same type). */
    public static ProblemDetail invalidRequestTarget(String detail) {
        return problem(INVALID_REQUEST_TARGET, HttpStatus.BAD_REQUEST, "Invalid request target", detail);
    }

    /** 400: the request head cannot be parsed as HTTP/1.1. */
    public static ProblemDetail malformedRequest(String detail) {
        return problem(MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Malformed request", detail);
    }

    public static ProblemDetail unauthorized(String detail) {
        return problem(UNAUTHORIZED, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    /** A workspace the token does not grant: 404 like the services', so that existence does not leak. */
    public static ProblemDetail workspaceNotFound(String workspace) {
        return problem(
                NOT_FOUND, HttpStatus.NOT_FOUND, "Not found", "Workspace '" + workspace + "' has no such resource.");
    }

    /** A path that names no resource unambiguously ({@code ..}, {@code //}, encoded slashes...). */
    public static ProblemDetail notFound() {
        return problem(NOT_FOUND, HttpStatus.NOT_FOUND, "Not found", "No such resource.");
    }

    /** A write with a token whose scope lacks {@code write}. */
    public static ProblemDetail readOnlyToken(String method) {
        return problem(
                READ_ONLY_TOKEN,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "The token may only read: " + method + " needs the 'write' scope.");
    }

    public static ProblemDetail rateLimited(long retryAfterSeconds) {
        ProblemDetail problem = problem(
                RATE_LIMITED,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                "This client sent too many requests; retry after " + retryAfterSeconds + " s.");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        return problem;
    }

    public static ProblemDetail upstreamUnavailable(String service) {
        return problem(
                UPSTREAM_UNAVAILABLE,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service unavailable",
                "The " + service + " service cannot be reached; try again shortly.");
    }

    public static ProblemDetail circuitOpen(String service) {
        ProblemDetail problem = problem(
                UPSTREAM_UNAVAILABLE,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service unavailable",
                "The " + service + " service is failing; the gateway stopped calling it for a while.");
        problem.setProperty("circuitOpen", true);
        return problem;
    }

    public static ProblemDetail upstreamTimeout(String service) {
        return problem(
                UPSTREAM_TIMEOUT,
                HttpStatus.GATEWAY_TIMEOUT,
                "Service timed out",
                "The " + service + " service did not answer in time.");
    }

    public static ProblemDetail badGateway(String service) {
        return problem(
                BAD_GATEWAY,
                HttpStatus.BAD_GATEWAY,
                "Bad gateway",
                "The " + service + " service closed the connection without a complete answer.");
    }

    public static ProblemDetail internalError() {
        return problem(
                INTERNAL_ERROR,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The gateway failed to handle the request.");
    }

    /**
     * The problem's {@code instance} for a request path. The raw path is already percent-encoded; one that still is
     * not a valid URI reference falls back to {@code /}.
     */
    public static URI instanceOf(String rawPath) {
        try {
            return URI.create(rawPath);
        } catch (IllegalArgumentException e) {
            return URI.create("/");
        }
    }

    private static ProblemDetail problem(URI type, HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
