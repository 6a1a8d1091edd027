package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The latest value of a workbook cell that is the source of at least one active link, on the compacted
 * topic {@code ledgerflow.linking.source-values.v1} (key = {@link #key}, {@code workbookId!Sheet!A1}; a
 * tombstone when the last active link out of the cell stops or goes): what a new reader needs to know
 * every linked source value without reading the workbooks' history.
 *
 * @param ref the canonical cell, e.g. {@code Sheet1!B2} or {@code 'Q1 data'!C3}
 * @param type as calculation published it: {@code number}, {@code text}, {@code boolean}, {@code
 *     error} or {@code empty} (value null)
 * @param sourceRevision the workbook revision the value was taken at
 */
public record LinkedSourceValue(
        String workspace,
        UUID workbookId,
        String ref,
        String type,
        @Nullable Object value,
        long sourceRevision) implements DomainEvent {

    /** The message key: the cell, workbook included. */
    public static String key(UUID workbookId, String ref) {
        return workbookId + "!" + ref;
    }
}
