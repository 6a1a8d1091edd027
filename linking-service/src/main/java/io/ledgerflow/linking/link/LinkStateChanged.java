package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Version 2: what one destination workbook needs to show about its links besides their values, on
 * the linked-values topic (key = destination workbook id, so it stays in order with the links'
 * LinkedValuesSet events): links that stopped ({@code broken}, {@code revoked}) or hold newer
 * source values for publishing — one event per destination workbook for all the manual links one
 * source change reaches in it (v1, one event per link, is no longer produced; calculation still
 * reads it: event-log's {@code contracts/LinkStateChanged.v1.json}).
 */
public record LinkStateChanged(UUID destinationWorkbookId, List<State> links) implements DomainEvent {

    @Override
    public int schemaVersion() {
        return 2;
    }

    /**
     * One link's state.
     *
     * @param sourceDeleted the link's source is gone (its workbook, sheet, rows or columns, or its
     *     dataset was deleted): the destination block {@code destinationRef} shows {@code #REF!}
     * @param sourceChangedRevision the newest source revision (dataset version) that changed the link's cells
     * @param heldRevision a manual link holds values taken at this source revision (null: none held)
     */
    public record State(
            UUID linkId,
            String status,
            @Nullable String statusReason,
            boolean sourceDeleted,
            String destinationRef,
            @Nullable Long sourceChangedRevision,
            @Nullable Long heldRevision) {}
}
