package io.ledgerflow.eventlog.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BindingsCheckTest {

    @Test
    void aBindingToATopicOutsideTheRegistryOrAnotherServicesDeadLettersIsAProblem() {
        Properties properties = new Properties();
        properties.setProperty("spring.application.name", "linking-service");
        properties.setProperty("spring.cloud.function.definition", "good;bad");
        properties.setProperty(
                "spring.cloud.stream.bindings.good-in-0.destination", Topics.Calculation.WORKBOOK_EVENTS.name());
        properties.setProperty(
                "spring.cloud.stream.kafka.bindings.good-in-0.consumer.dlq-name",
                Topics.Linking.WORKBOOK_EVENTS_DLT.name());
        properties.setProperty("spring.cloud.stream.bindings.bad-in-0.destination", "ledgerflow.nowhere.v1");
        properties.setProperty(
                "spring.cloud.stream.kafka.bindings.bad-in-0.consumer.dlq-name",
                Topics.Calculation.LINK_EVENTS_DLT.name());

        assertThat(BindingsCheck.problems(properties))
                .containsExactly(
                        "bad-in-0 reads ledgerflow.nowhere.v1, not a registry topic",
                        "bad-in-0 dead-letters to ledgerflow.calculation.link-events-dlt.v1, not a registry dead-letter"
                                + " topic of linking-service");
    }
}
