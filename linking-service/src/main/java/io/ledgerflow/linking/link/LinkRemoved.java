package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/** A link was removed; the destination cell keeps its last value. */
public record LinkRemoved(UUID linkId, UUID destinationWorkbookId, String destinationCell) implements DomainEvent {}
