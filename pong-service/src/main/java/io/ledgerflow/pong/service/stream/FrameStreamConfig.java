package io.ledgerflow.pong.service.stream;

import io.ledgerflow.pong.service.runner.GameRunners;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration
@EnableWebSocket
class FrameStreamConfig implements WebSocketConfigurer {

    private final GameRunners runners;

    FrameStreamConfig(GameRunners runners) {
        this.runners = runners;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new FrameStreamHandler(runners), "/api/pong/workspaces/*/games/*/stream")
                .setAllowedOriginPatterns("*");
    }
}
