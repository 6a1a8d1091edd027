package io.ledgerflow.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;

/**
 * Maps a failure inside the gateway to the problem the client gets. Plain function of the exception, the request line
 * and the route (service) it was on, so every mapping is unit-tested.
 */
public final class ProblemMapper {

    private ProblemMapper() {}

    /**
     * @param failure what went wrong
     * @param method request method
     * @param path request path (becomes the problem's {@code instance})
     * @param service the route (service) the request was on, or {@code null} when no route matched
     */
    public static ProblemDetail toProblem(Throwable failure, String method, String path, @Nullable String service) {
        ProblemDetail problem = classify(failure, method, path, service);
        problem.setInstance(GatewayProblems.instanceOf(path));
        if (service != null) {
            problem.setProperty("service", service);
        }
        return problem;
    }

    private static ProblemDetail classify(Throwable failure, String method, String path, @Nullable String service) {
        String upstream = service == null ? "upstream" : service;
        PayloadTooLargeException tooLarge = find(failure, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return GatewayProblems.payloadTooLarge(tooLarge.limitBytes());
        }
        if (find(failure, CallNotPermittedException.class) != null) {
            return GatewayProblems.circuitOpen(upstream);
        }
        if (failure instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code == HttpStatus.NOT_FOUND.value()) {
                return GatewayProblems.routeNotFound(method, path);
            }
            if (code == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                return GatewayProblems.upstreamUnavailable(upstream);
            }
            if (code == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return GatewayProblems.upstreamTimeout(upstream);
            }
            if (code == HttpStatus.CONTENT_TOO_LARGE.value()) {
                return GatewayProblems.payloadTooLarge(-1);
            }
            if (code != HttpStatus.INTERNAL_SERVER_ERROR.value()
                    || find(failure.getCause(), IOException.class) == null) {
                // Framework errors (405, 406, 415, 400 on a malformed request line, ...) keep their own problem.
                return copy(status.getBody());
            }
        }
        if (isTimeout(failure)) {
            return GatewayProblems.upstreamTimeout(upstream);
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null) {
            return GatewayProblems.upstreamUnavailable(upstream);
        }
        if (find(failure, IOException.class) != null) {
            return GatewayProblems.badGateway(upstream);
        }
        return GatewayProblems.internalError();
    }

    /**
     * True when the failure is the upstream's: refused, closed without an answer, or too slow. A body over the limit
     * or a bug in the gateway is not, so it never opens a circuit.
     */
    public static boolean isUpstreamFailure(Throwable failure) {
        if (find(failure, PayloadTooLargeException.class) != null
                || find(failure, CallNotPermittedException.class) != null) {
            return false;
        }
        return isTimeout(failure) || find(failure, IOException.class) != null;
    }

    /** True when the upstream did not connect or answer in time (504), whoever raised the timeout. */
    static boolean isTimeout(Throwable failure) {
        return find(failure, org.springframework.cloud.gateway.support.TimeoutException.class) != null
                || find(failure, TimeoutException.class) != null
                || find(failure, io.netty.handler.timeout.TimeoutException.class) != null
                || find(failure, ConnectTimeoutException.class) != null;
    }

    private static @Nullable <T extends Throwable> T find(@Nullable Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ProblemDetail copy(ProblemDetail body) {
        ProblemDetail problem = ProblemDetail.forStatus(body.getStatus());
        problem.setType(body.getType());
        problem.setTitle(body.getTitle());
        problem.setDetail(body.getDetail());
        return problem;
    }
}
