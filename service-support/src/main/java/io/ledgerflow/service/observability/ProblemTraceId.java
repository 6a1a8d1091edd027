package io.ledgerflow.service.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem+json a service answers carries {@code traceId}, the id of the request's trace (as Micrometer Tracing
 * put it in the logging context), so a user can quote it and an operator finds the request's spans and log lines.
 */
@RestControllerAdvice
public class ProblemTraceId implements ResponseBodyAdvice<Object> {

    /** The logging context's key for the current trace id (Micrometer Tracing's), and the problem's member. */
    public static final String TRACE_ID = "traceId";

    private final Tracer tracer;

    public ProblemTraceId(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            String traceId = traceId();
            if (traceId != null && !traceId.isBlank()) {
                problem.setProperty(TRACE_ID, traceId);
            }
        }
        return body;
    }

    private String traceId() {
        Span span = tracer.currentSpan();
        return span != null && !span.isNoop() ? span.context().traceId() : MDC.get(TRACE_ID);
    }
}
