package io.ledgerflow.calculation.cell;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/**
 * Cells of a workbook took new values at a revision. Large changes are split into chunks of one
 * revision ({@code chunk} of {@code chunks}, 1-based), all keyed by the workbook.
 */
public record CellValuesChanged(UUID workbookId, long revision, int chunk, int chunks, List<Change> cells)
        implements DomainEvent {

    /** One cell: where, and its value before and after. */
    public record Change(String ref, String sheet, int row, int col, CellValue oldValue, CellValue newValue) {}
}
