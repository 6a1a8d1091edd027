package io.ledgerflow.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

class ProblemMapperTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ResponseStatusException(HttpStatus.NOT_FOUND), 404, GatewayProblems.ROUTE_NOT_FOUND),
                Arguments.of(
                        new NoResourceFoundException(URI.create("/nope"), "nope"),
                        404,
                        GatewayProblems.ROUTE_NOT_FOUND),
                Arguments.of(new PayloadTooLargeException(8), 413, GatewayProblems.PAYLOAD_TOO_LARGE),
                Arguments.of(
                        new IllegalStateException("wrapped", new PayloadTooLargeException(8)),
                        413,
                        GatewayProblems.PAYLOAD_TOO_LARGE),
                Arguments.of(new ConnectException("Connection refused"), 503, GatewayProblems.UPSTREAM_UNAVAILABLE),
                Arguments.of(
                        new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE),
                        503,
                        GatewayProblems.UPSTREAM_UNAVAILABLE),
                Arguments.of(new ConnectTimeoutException("connect timed out"), 504, GatewayProblems.UPSTREAM_TIMEOUT),
                Arguments.of(
                        new ResponseStatusException(
                                HttpStatus.GATEWAY_TIMEOUT, "took too long", new TimeoutException("PT1S")),
                        504,
                        GatewayProblems.UPSTREAM_TIMEOUT),
                Arguments.of(new IOException("Connection reset by peer"), 502, GatewayProblems.BAD_GATEWAY),
                Arguments.of(
                        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("calc")),
                        503,
                        GatewayProblems.UPSTREAM_UNAVAILABLE),
                Arguments.of(new IllegalStateException("bug"), 500, GatewayProblems.INTERNAL_ERROR));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void mapsEachFailureToItsProblem(Throwable failure, int status, URI type) {
        ProblemDetail problem = ProblemMapper.toProblem(failure, "GET", "/api/calc/x", "calc");

        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(type);
        assertThat(problem.getInstance()).isEqualTo(URI.create("/api/calc/x"));
        assertThat(problem.getTitle()).isNotBlank();
    }

    @Test
    void routeNotFoundNamesMethodAndPathAndNoService() {
        ProblemDetail problem = ProblemMapper.toProblem(
                new ResponseStatusException(HttpStatus.NOT_FOUND), "DELETE", "/api/unknown/7", null);

        assertThat(problem.getDetail()).contains("DELETE /api/unknown/7");
        assertThat(problem.getProperties()).isNull();
    }

    @Test
    void upstreamProblemsNameTheService() {
        ProblemDetail problem = ProblemMapper.toProblem(new ConnectException("refused"), "GET", "/api/pong/g", "pong");

        assertThat(problem.getProperties()).containsEntry("service", "pong");
        assertThat(problem.getDetail()).contains("pong");
    }

    @Test
    void frameworkStatusErrorsKeepTheirStatus() {
        ProblemDetail problem = ProblemMapper.toProblem(
                new MethodNotAllowedException("PATCH", java.util.Set.of()), "PATCH", "/swagger-ui.html", null);

        assertThat(problem.getStatus()).isEqualTo(405);
    }

    @Test
    void anOpenCircuitSaysSo() {
        ProblemDetail problem = ProblemMapper.toProblem(
                CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("calc")),
                "GET",
                "/api/calc/x",
                "calc");

        assertThat(problem.getProperties()).containsEntry("circuitOpen", true);
    }

    @Test
    void onlyTheUpstreamsOwnFailuresCountAgainstItsCircuit() {
        assertThat(ProblemMapper.isUpstreamFailure(new ConnectException("refused")))
                .isTrue();
        assertThat(ProblemMapper.isUpstreamFailure(new IOException("reset"))).isTrue();
        assertThat(ProblemMapper.isUpstreamFailure(
                        new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow", new TimeoutException("PT1S"))))
                .isTrue();
        assertThat(ProblemMapper.isUpstreamFailure(new PayloadTooLargeException(8)))
                .isFalse();
        assertThat(ProblemMapper.isUpstreamFailure(new IllegalStateException("bug")))
                .isFalse();
        assertThat(ProblemMapper.isUpstreamFailure(
                        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"))))
                .isFalse();
    }

    @Test
    void aPathThatIsNoValidUriStillGetsAnInstance() {
        ProblemDetail problem =
                ProblemMapper.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND), "GET", "/a b|c", null);

        assertThat(problem.getInstance()).isEqualTo(URI.create("/"));
        assertThat(problem.getDetail()).contains("/a b|c");
    }

    @Test
    void aFrameworkPayloadLimitHasNoMadeUpLimit() {
        ProblemDetail problem = ProblemMapper.toProblem(
                new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE), "POST", "/api/calc/x", "calc");

        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getProperties()).doesNotContainKey("limitBytes");
        assertThat(problem.getDetail()).doesNotContain("-1");
    }

    @Test
    void payloadTooLargeCarriesTheLimit() {
        ProblemDetail problem =
                ProblemMapper.toProblem(new PayloadTooLargeException(1024), "POST", "/api/calc", "calc");

        assertThat(problem.getProperties()).containsEntry("limitBytes", 1024L);
    }
}
