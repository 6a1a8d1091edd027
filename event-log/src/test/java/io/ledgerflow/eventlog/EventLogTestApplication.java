package io.ledgerflow.eventlog;

import io.ledgerflow.eventlog.deadletter.DeadLetters;
import io.ledgerflow.eventlog.topic.Topic;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** A producer and a consumer in one small application, standing in for two services. */
@SpringBootApplication
public class EventLogTestApplication {

    public static final Topic LEDGER_EVENTS = new Topic("ledgerflow.test.ledger-events.v1", 3, "event-log-test");
    /** The same events for the batch-mode binding. */
    public static final Topic LEDGER_BATCHES = new Topic("ledgerflow.test.ledger-batches.v1", 3, "event-log-test");

    /** Compacted: the latest AccountState of each account, a tombstone when it is closed. */
    public static final Topic ACCOUNT_STATE =
            new Topic("ledgerflow.test.account-state.v1", 1, "event-log-test").compacted(Duration.ZERO);

    public static final Topic LEDGER_EVENTS_DLT =
            Topic.deadLetters("ledgerflow.test.ledger-events-dlt.v1", "event-log-test");
    public static final Topic LEDGER_BATCHES_DLT =
            Topic.deadLetters("ledgerflow.test.ledger-batches-dlt.v1", "event-log-test");

    @Bean
    KafkaAdmin.NewTopics testTopics() {
        return new KafkaAdmin.NewTopics(EventLogAutoConfiguration.newTopics(
                List.of(LEDGER_EVENTS, LEDGER_BATCHES, ACCOUNT_STATE, LEDGER_EVENTS_DLT, LEDGER_BATCHES_DLT), 1));
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka) {
        return DeadLetters.create(kafka, List.of(LEDGER_EVENTS_DLT, LEDGER_BATCHES_DLT));
    }
}
