package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.GatewaySettings;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rejects request bodies over {@code ledgerflow.gateway.max-request-size} with 413: at once when
 * {@code Content-Length} declares too much, and while streaming when a chunked body turns out too long (the bytes are
 * counted as they pass to the upstream, so nothing is buffered here).
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

    /** After the rate limiter, before routing. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final long limitBytes;

    RequestSizeLimitFilter(GatewaySettings settings) {
        this.limitBytes = settings.maxRequestSize().toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limitBytes) {
            return Mono.error(new PayloadTooLargeException(limitBytes));
        }
        if (declared >= 0) {
            // The server reads exactly Content-Length bytes, so a declared length within the limit is enough.
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return countBytes(super.getBody(), limitBytes);
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /** Passes the body through unchanged while it stays within {@code limitBytes}; errors with 413 once it does not. */
    static Flux<DataBuffer> countBytes(Flux<DataBuffer> body, long limitBytes) {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return body.handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limitBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(limitBytes));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }
}
