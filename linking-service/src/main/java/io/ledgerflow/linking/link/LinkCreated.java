package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/** A link now carries the source's values into the destination area (references canonical). */
public record LinkCreated(
        UUID linkId,
        String kind,
        String sourceType,
        String sourceWorkspace,
        UUID sourceDocumentId,
        String sourceRef,
        String sourceColumn,
        List<List<String>> sourceKeys,
        UUID destinationWorkbookId,
        String destinationRef,
        String publishMode)
        implements DomainEvent {}
