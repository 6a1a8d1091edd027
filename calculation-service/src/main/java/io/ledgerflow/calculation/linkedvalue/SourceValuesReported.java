package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.CellValue;
import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/**
 * The answer to linking's SourceValuesRequested: the current values of {@code ref} at {@code
 * revision}, for link {@code linkId} (or, when the workbook or range cannot be read, a {@code
 * problem} saying why and no cells). Keyed by the workbook, behind its earlier changes.
 */
public record SourceValuesReported(
        UUID workbookId, UUID linkId, long revision, String ref, List<Cell> cells, String problem)
        implements DomainEvent {

    /** One cell: where, and its value (the shape of a CellValuesChanged change's newValue). */
    public record Cell(String ref, String sheet, int row, int col, CellValue newValue) {}
}
