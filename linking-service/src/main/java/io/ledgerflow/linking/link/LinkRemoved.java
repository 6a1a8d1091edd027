package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/** A link was removed; the destination cells keep their last values. */
public record LinkRemoved(UUID linkId, UUID destinationWorkbookId, String destinationRef) implements DomainEvent {}
