package io.ledgerflow.pong.service.stream;

import io.ledgerflow.pong.service.game.Games;
import io.ledgerflow.pong.service.runner.GameRunners;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration
@EnableWebSocket
class FrameStreamConfig implements WebSocketConfigurer {

    private final GameRunners runners;
    private final Games games;

    FrameStreamConfig(GameRunners runners, Games games) {
        this.runners = runners;
        this.games = games;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new FrameStreamHandler(runners, games), "/api/pong/workspaces/*/games/*/stream")
                .setAllowedOriginPatterns("*");
    }
}
