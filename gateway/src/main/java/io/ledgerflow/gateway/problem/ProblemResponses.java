package io.ledgerflow.gateway.problem;

import io.ledgerflow.http.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link ProblemDetail} as an {@code application/problem+json} response. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerHttpResponse response, ProblemDetail problem) {
        byte[] body = bytes(problem);
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The problem as JSON, for answers written below WebFlux (straight to Netty). */
    public byte[] bytes(ProblemDetail problem) {
        return Problems.bytes(problem, json);
    }
}
