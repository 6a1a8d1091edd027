package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.problem.GatewayProblems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.ProblemDetail;

/**
 * Sits right after Netty's HTTP decoder and answers, with problem+json, the requests that must not reach Spring:
 * a request line over the limit (414), headers over the limit (431), a head Netty cannot parse (400), and a target
 * that is not what a URI may carry (400, see {@link RequestTargets}). Without it Reactor Netty answers the first
 * three with an empty body, and an invalid percent-encoding gets an empty 400 from the WebFlux adapter.
 *
 * <p>The refused request's body, if any, is read and dropped, and the connection is half-closed after the answer,
 * then closed when the client closes it (or after {@link #LINGER_SECONDS}): closing at once with unread bytes in
 * the socket would reset the connection and could lose the answer.
 */
final class RequestHeadGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "ledgerflow.requestHeadGuard";
    static final int LINGER_SECONDS = 5;

    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final Function<ProblemDetail, byte[]> json;
    private boolean refused;

    RequestHeadGuard(int maxInitialLineLength, int maxHeaderSize, Function<ProblemDetail, byte[]> json) {
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            // The rest of a refused request (its body, or bytes the decoder discards): read and dropped.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ProblemDetail problem = problemWith(request);
            if (problem != null) {
                refused = true;
                boolean complete = msg instanceof LastHttpContent
                        || request.decoderResult().isFailure();
                ReferenceCountUtil.release(msg);
                answer(ctx, problem, complete);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private ProblemDetail problemWith(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return GatewayProblems.uriTooLong(maxInitialLineLength);
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return GatewayProblems.headersTooLarge(maxHeaderSize);
            }
            return GatewayProblems.malformedRequest("The request is not valid HTTP/1.1: " + cause.getMessage());
        }
        String problem = RequestTargets.problemWith(request.uri());
        return problem == null ? null : GatewayProblems.invalidRequestTarget(problem);
    }

    private void answer(ChannelHandlerContext ctx, ProblemDetail problem, boolean requestComplete) {
        byte[] body = json.apply(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.getStatus()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.channel() instanceof SocketChannel socket) {
                socket.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                written.channel().close();
            }
        });
        if (!requestComplete) {
            ctx.read();
        }
    }
}
