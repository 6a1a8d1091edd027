package io.ledgerflow.calculation.structure;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/**
 * A workbook's shape changed at a revision: sheets added, renamed or removed, rows or columns
 * inserted or deleted, a block moved. Consumers holding references into the workbook (links)
 * adjust them as the workbook's own formulas were adjusted.
 *
 * @param operation {@code add-sheet}, {@code rename-sheet}, {@code remove-sheet},
 *     {@code insert-rows}, {@code delete-rows}, {@code insert-columns}, {@code delete-columns},
 *     {@code move-range}
 */
public record WorkbookStructureChanged(
        UUID workbookId,
        long revision,
        String operation,
        String sheet,
        String toSheet,
        Integer at,
        Integer count,
        String from,
        String to)
        implements DomainEvent {}
