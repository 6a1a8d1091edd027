package io.ledgerflow.pong.service.runner;

import io.ledgerflow.eventlog.topic.Topic;
import io.ledgerflow.pong.service.shards.ShardControl;
import io.ledgerflow.pong.service.shards.ShardMessageBus;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** pong-service's own topics beside {@code Topics.Pong.GAME_EVENTS}. */
@Configuration
public class PongTopics {

    /** Every entry of a game's frame log (FrameCommitted, Correction, Snapshot), key = game id. */
    public static final Topic FRAMES = new Topic("ledgerflow.pong.game-frames.v1", 6, "pong-service");

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

    /** pong-core protocol messages between the processes a game's shards run on, key = game id. */
    @Bean
    NewTopic pongShardMessagesTopic() {
        return TopicBuilder.name(ShardMessageBus.TOPIC)
                .partitions(6)
                .replicas(1)
                .config("retention.ms", "600000") // messages matter for milliseconds; keep ten minutes
                .build();
    }

    /** Which instance hosts which shards of which game (low volume, one partition keeps it in order). */
    @Bean
    NewTopic pongShardControlTopic() {
        return TopicBuilder.name(ShardControl.TOPIC)
                .partitions(1)
                .replicas(1)
                .config("retention.ms", "600000")
                .build();
    }

    @Bean
    NewTopic pongFramesTopic() {
        return TopicBuilder.name(FRAMES.name())
                .partitions(FRAMES.partitions())
                .replicas(1)
                .build();
    }
}
