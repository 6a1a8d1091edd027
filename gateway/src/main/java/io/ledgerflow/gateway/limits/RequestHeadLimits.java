package io.ledgerflow.gateway.limits;

import io.ledgerflow.gateway.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;

/**
 * Puts a {@link RequestHeadGuard} on every connection, right after Netty's HTTP decoder, with the limits the decoder
 * enforces ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size}) so its
 * problems can name them.
 */
@Configuration(proxyBeanMethods = false)
class RequestHeadLimits {

    @Bean
    NettyServerCustomizer requestHeadGuard(
            ProblemResponses responses,
            @Value("${server.netty.max-initial-line-length:4KB}") DataSize maxInitialLineLength,
            @Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
        int line = (int) maxInitialLineLength.toBytes();
        int headers = (int) maxHeaderSize.toBytes();
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline()
                        .addAfter(
                                NettyPipeline.HttpCodec,
                                RequestHeadGuard.NAME,
                                new RequestHeadGuard(line, headers, responses::bytes));
            }
        });
    }
}
