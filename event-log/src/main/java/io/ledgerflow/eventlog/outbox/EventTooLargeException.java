package io.ledgerflow.eventlog.outbox;

/**
 * An event whose encoded envelope is larger than the log takes ({@code ledgerflow.event-log.max-event-bytes}): the
 * outbox refuses it, so the transaction that produced it rolls back and nothing is half-applied (a web request gets
 * a 413 problem from service-support; a consumed event's effect fails and, after its retries, is dead-lettered with
 * this message). Split the change into several events instead.
 */
public class EventTooLargeException extends RuntimeException {

    private final int size;
    private final int limit;

    public EventTooLargeException(String eventType, String aggregateId, int size, int limit) {
        super(eventType + " of " + aggregateId + " would be " + size + " bytes on the log, more than the " + limit
                + " it takes: make the change in smaller parts");
        this.size = size;
        this.limit = limit;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
