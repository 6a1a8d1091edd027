package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.gateway.problem.PayloadTooLargeException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rejects request bodies over the route's limit with 413: {@code ledgerflow.gateway.large-bodies.max-request-size}
 * on the routes that take imports and dataset versions, {@code ledgerflow.gateway.max-request-size} everywhere else.
 * A {@code Content-Length} over the limit is refused before anything goes upstream; a chunked body is counted as it
 * streams upstream (nothing is buffered). Either way the gateway first reads and discards the rest of the body, up
 * to {@code max-discarded-body}, so a client still sending gets the 413 rather than a connection reset.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

    /** After the rate limiter, before routing. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private record LargeRoute(HttpMethod method, PathPattern pattern) {}

    private final long limitBytes;
    private final long largeLimitBytes;
    private final long discardBytes;
    private final List<LargeRoute> largeRoutes;

    RequestSizeLimitFilter(GatewaySettings settings) {
        this.limitBytes = settings.maxRequestSize().toBytes();
        this.largeLimitBytes = settings.largeBodies().maxRequestSize().toBytes();
        this.discardBytes = settings.maxDiscardedBody().toBytes();
        this.largeRoutes = settings.largeBodies().routes().stream()
                .map(route -> route.trim().split("\\s+"))
                .map(parts -> new LargeRoute(
                        HttpMethod.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                        PathPatternParser.defaultInstance.parse(parts[1])))
                .toList();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The body limit for this request: the large one on a large-body route, the default otherwise. */
    long limitFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (LargeRoute route : largeRoutes) {
            if (route.method().equals(method) && route.pattern().matches(container)) {
                return largeLimitBytes;
            }
        }
        return limitBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = limitFor(
                request.getMethod(), request.getPath().pathWithinApplication().value());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            if (declared > discardBytes) {
                // Too much to read for nothing: answer at once; the connection closes after the answer.
                return Mono.error(new PayloadTooLargeException(limit));
            }
            return request.getBody()
                    .doOnNext(DataBufferUtils::release)
                    .then(Mono.error(new PayloadTooLargeException(limit)));
        }
        if (declared >= 0) {
            // The server reads exactly Content-Length bytes, so a declared length within the limit is enough.
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return countBytes(super.getBody(), limit, discardBytes);
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /**
     * Passes the body through unchanged while it stays within {@code limitBytes}. Once it does not, passes nothing
     * more: the rest is read and released, and the body ends with a 413 error when the client has sent it all (or
     * at once past {@code discardBytes}).
     */
    static Flux<DataBuffer> countBytes(Flux<DataBuffer> body, long limitBytes, long discardBytes) {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return body.<DataBuffer>handle((buffer, sink) -> {
                        long total = seen.addAndGet(buffer.readableByteCount());
                        if (total <= limitBytes) {
                            sink.next(buffer);
                            return;
                        }
                        DataBufferUtils.release(buffer);
                        if (total > discardBytes) {
                            sink.error(new PayloadTooLargeException(limitBytes));
                        }
                    })
                    .concatWith(Flux.defer(() -> seen.get() > limitBytes
                            ? Flux.error(new PayloadTooLargeException(limitBytes))
                            : Flux.empty()));
        });
    }
}
