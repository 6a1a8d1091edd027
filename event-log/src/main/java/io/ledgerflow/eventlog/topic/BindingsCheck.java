package io.ledgerflow.eventlog.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Checks a service's Spring Cloud Stream bindings (its flattened {@code application.yml}) against the
 * registry: every function of {@code spring.cloud.function.definition} reads a registry topic, and its
 * {@code dlq-name} is a dead-letter topic of the registry that this service produces.
 */
public final class BindingsCheck {

    private BindingsCheck() {}

    /** What is wrong, one line each; empty when every binding names registry topics. */
    public static List<String> problems(Properties properties) {
        List<String> problems = new ArrayList<>();
        String service = properties.getProperty("spring.application.name");
        String definition = properties.getProperty("spring.cloud.function.definition", "");
        for (String function : definition.split(";")) {
            if (function.isBlank()) {
                continue;
            }
            String binding = function.strip() + "-in-0";
            String destination = properties.getProperty("spring.cloud.stream.bindings." + binding + ".destination");
            if (Topics.all().stream().noneMatch(t -> t.name().equals(destination))) {
                problems.add(binding + " reads " + destination + ", not a registry topic");
            }
            String deadLetters =
                    properties.getProperty("spring.cloud.stream.kafka.bindings." + binding + ".consumer.dlq-name");
            if (Topics.deadLetters().stream()
                    .noneMatch(t -> t.name().equals(deadLetters) && t.producer().equals(service))) {
                problems.add(binding + " dead-letters to " + deadLetters + ", not a registry dead-letter topic of "
                        + service);
            }
        }
        return problems;
    }
}
