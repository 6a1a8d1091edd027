package io.ledgerflow.eventlog.inbox;

/**
 * A message on the log that is not an event envelope. Retrying it can never succeed, so the consumer
 * bindings mark it not retryable: it goes straight to the consumer's dead-letter topic.
 */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String consumer, String reason) {
        super(consumer + " cannot decode the message as an event envelope: " + reason);
    }
}
