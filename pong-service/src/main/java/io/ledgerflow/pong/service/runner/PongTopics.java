package io.ledgerflow.pong.service.runner;

import io.ledgerflow.eventlog.topic.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** pong-service's own topics beside {@code Topics.Pong.GAME_EVENTS}. */
@Configuration
public class PongTopics {

    /** Every entry of a game's frame log (FrameCommitted, Correction, Snapshot), key = game id. */
    public static final Topic FRAMES = new Topic("ledgerflow.pong.game-frames.v1", 6, "pong-service");

    @Bean
    NewTopic pongFramesTopic() {
        return TopicBuilder.name(FRAMES.name())
                .partitions(FRAMES.partitions())
                .replicas(1)
                .build();
    }
}
