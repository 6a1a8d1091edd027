package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.CalculationLimits;
import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.document.Operation;
import io.ledgerflow.calculation.observability.CalculationMetrics;
import io.ledgerflow.calculation.workbook.Contents;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.persistence.WorkbookRepository;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies values that links carry into a workbook from outside: each delivery is one new revision
 * of the destination, and the cells remember which link and source revision they reflect. A value
 * older than what a cell already reflects is ignored, so late or repeated deliveries never move a
 * cell backwards.
 */
@Service
public class LinkedValues {

    /** The consumer's own view of a LinkedValuesSet event (tolerant: only the fields it needs). */
    public record LinkedValuesSet(
            UUID destinationWorkbookId, String linkId, Source source, long sourceRevision, List<LinkedValue> values) {}

    /** Where the values came from: a workbook ({@code documentId}) or a dataset. */
    public record Source(String type, UUID documentId) {}

    public record LinkedValue(String ref, Object value) {}

    private static final Logger log = LoggerFactory.getLogger(LinkedValues.class);

    private final WorkbookRepository workbooks;
    private final Cells cells;
    private final LinkedCells linkedCells;
    private final CalculationLimits limits;
    private final CalculationMetrics metrics;

    LinkedValues(
            WorkbookRepository workbooks,
            Cells cells,
            LinkedCells linkedCells,
            CalculationLimits limits,
            CalculationMetrics metrics) {
        this.workbooks = workbooks;
        this.cells = cells;
        this.linkedCells = linkedCells;
        this.limits = limits;
        this.metrics = metrics;
    }

    /**
     * Applies the values in the caller's transaction (the inbox's, so a redelivery does nothing).
     *
     * @return the destination revision written, or empty when nothing applied
     */
    public Optional<Long> apply(String tenant, LinkedValuesSet event) {
        Optional<Workbook> destination = workbooks
                .findByIdAndWorkspace(event.destinationWorkbookId(), tenant)
                .filter(workbook -> !workbook.isDeleted());
        if (destination.isEmpty()) {
            log.info(
                    "linked values for workbook {} of {} ignored: no such workbook",
                    event.destinationWorkbookId(),
                    tenant);
            return Optional.empty();
        }
        List<Operation.CellEdit> edits = new ArrayList<>();
        for (LinkedValue value : event.values()) {
            try {
                CellRange cell = CellRange.parse("ref", value.ref());
                Contents.check("value", value.value(), limits);
                if (cell.isSingleCell() && !isNewerValueThere(event, cell) && !isFormula(value.value())) {
                    edits.add(new Operation.CellEdit(cell.sheet(), cell.row1(), cell.col1(), value.value()));
                }
            } catch (InvalidInputException e) {
                log.warn("linked value for {} of link {} ignored: {}", value.ref(), event.linkId(), e.getMessage());
            }
        }
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        String origin = "link:" + event.linkId() + "@" + event.sourceRevision();
        try {
            Cells.Edit edit = cells.applyFromOutside(tenant, event.destinationWorkbookId(), edits, origin);
            for (Operation.CellEdit cell : edits) {
                remember(event, cell, edit.revision());
            }
            if (event.source() != null && "workbook".equals(event.source().type())) {
                metrics.linkedValueArrived(event.source().documentId(), event.sourceRevision());
            }
            return Optional.of(edit.revision());
        } catch (InvalidInputException e) {
            log.warn("linked values of link {} ignored: {}", event.linkId(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isFormula(Object value) {
        // A linked value is a value, never code to run in the destination.
        return value instanceof String text && text.startsWith("=");
    }

    private boolean isNewerValueThere(LinkedValuesSet event, CellRange cell) {
        return linkedCells.holdsNewer(
                event.destinationWorkbookId(),
                cell.sheet(),
                cell.row1(),
                cell.col1(),
                event.linkId(),
                event.sourceRevision());
    }

    private void remember(LinkedValuesSet event, Operation.CellEdit cell, long revision) {
        linkedCells.remember(
                event.destinationWorkbookId(),
                cell.sheet(),
                cell.row(),
                cell.col(),
                event.linkId(),
                event.sourceRevision(),
                revision);
    }
}
