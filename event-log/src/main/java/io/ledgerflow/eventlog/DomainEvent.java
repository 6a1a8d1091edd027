package io.ledgerflow.eventlog;

/**
 * An immutable, past-tense fact raised by an aggregate (a record, by convention). Its fields become
 * the envelope's payload; its type name and schema version go on the envelope.
 */
public interface DomainEvent {

    /** The stable name on the wire; by default the record's simple name, e.g. {@code WorkbookCreated}. */
    default String eventType() {
        return getClass().getSimpleName();
    }

    /** Bump when a field changes meaning or is removed; adding fields keeps the version. */
    default int schemaVersion() {
        return 1;
    }
}
