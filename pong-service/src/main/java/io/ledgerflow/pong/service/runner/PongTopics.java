package io.ledgerflow.pong.service.runner;

import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.eventlog.topic.Topics;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pong-service's topics beside {@code Topics.Pong.GAME_EVENTS}: all in event-log's registry ({@link Topics.Pong}),
 * created with the others (event-log's auto-configuration, or the chart's topics Job).
 */
@Configuration
public class PongTopics {

    /** Every entry of a game's frame log (FrameCommitted, Correction, Snapshot), key = game id. */
    public static final Topic FRAMES = Topics.Pong.GAME_FRAMES;

    /**
     * Frames are sent continuously, so at shutdown there are always some in flight. Closing the producer waits for
     * them at most this long (the default, 30 s, is spent in full when the broker is already gone). Nothing
     * acknowledged depends on it: the outbox relay marks an event only after the broker's ack, and the frames log
     * stays in memory and in its snapshots.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer shortProducerClose() {
        return factory -> factory.setPhysicalCloseTimeout(2);
    }
}
