package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/**
 * What the destination needs to show about a link besides its values, on the linked-values topic
 * (key = destination workbook id, so it stays in order with the link's LinkedValuesSet events):
 * the link stopped ({@code broken}, {@code revoked}) or holds a newer source value for publishing.
 *
 * @param sourceDeleted the link's source is gone (its workbook, sheet, rows or columns, or its
 *     dataset was deleted): the destination block {@code destinationRef} shows {@code #REF!}
 * @param sourceChangedRevision the newest source revision (dataset version) that changed the link's cells
 * @param heldRevision a manual link holds values taken at this source revision (null: none held)
 */
public record LinkStateChanged(
        UUID destinationWorkbookId,
        UUID linkId,
        String status,
        String statusReason,
        boolean sourceDeleted,
        String destinationRef,
        Long sourceChangedRevision,
        Long heldRevision)
        implements DomainEvent {}
