package io.ledgerflow.eventlog;

import io.ledgerflow.eventlog.topic.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/** A producer and a consumer in one small application, standing in for two services. */
@SpringBootApplication
public class EventLogTestApplication {

    public static final Topic LEDGER_EVENTS = new Topic("ledgerflow.test.ledger-events.v1", 3, "event-log-test");

    @Bean
    NewTopic ledgerEvents() {
        return TopicBuilder.name(LEDGER_EVENTS.name())
                .partitions(LEDGER_EVENTS.partitions())
                .replicas(1)
                .build();
    }
}
