package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/** A link now carries the source's value into the destination cell. */
public record LinkCreated(
        UUID linkId,
        String sourceType,
        UUID sourceDocumentId,
        String sourceRef,
        UUID destinationWorkbookId,
        String destinationCell)
        implements DomainEvent {}
