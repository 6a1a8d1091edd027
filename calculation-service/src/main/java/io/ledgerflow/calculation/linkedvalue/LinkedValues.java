package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.cell.LinkedCell;
import io.ledgerflow.calculation.document.Operation;
import io.ledgerflow.calculation.observability.CalculationMetrics;
import io.ledgerflow.calculation.workbook.CalculationLimits;
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
            UUID destinationWorkbookId,
            String linkId,
            LinkSource source,
            long sourceRevision,
            List<LinkedValue> values) {}

    /** The link's source as LinkedValuesSet names it (absent from older producers). */
    public record LinkSource(String type, UUID documentId, String workspace) {}

    /** A destination cell's value and the source cell (or dataset {@code column[key]}) it reflects. */
    public record LinkedValue(String ref, Object value, String sourceRef) {}

    /** The consumer's view of a LinkStateChanged event: a link stopped, or holds newer values. */
    public record LinkStateChanged(
            UUID destinationWorkbookId,
            String linkId,
            String status,
            String statusReason,
            boolean sourceDeleted,
            String destinationRef,
            Long sourceChangedRevision,
            Long heldRevision) {}

    /** What a cell whose link lost its source shows, as a formula referring to nothing would. */
    static final String REF_ERROR = "=#REF!";

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
        List<String> sourceRefs = new ArrayList<>();
        for (LinkedValue value : event.values()) {
            try {
                CellRange cell = CellRange.parse("ref", value.ref());
                Contents.check("value", value.value(), limits);
                if (cell.isSingleCell() && !isNewerValueThere(event, cell) && !isFormula(value.value())) {
                    edits.add(new Operation.CellEdit(cell.sheet(), cell.row1(), cell.col1(), value.value()));
                    sourceRefs.add(value.sourceRef());
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
            for (int i = 0; i < edits.size(); i++) {
                remember(event, edits.get(i), edit.revision(), sourceRefs.get(i));
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

    private void remember(LinkedValuesSet event, Operation.CellEdit cell, long revision, String sourceRef) {
        LinkSource source = event.source() == null ? new LinkSource(null, null, null) : event.source();
        linkedCells.remember(
                event.destinationWorkbookId(),
                cell.sheet(),
                cell.row(),
                cell.col(),
                event.linkId(),
                event.sourceRevision(),
                revision,
                new LinkedCell.Source(source.type(), source.documentId(), source.workspace(), sourceRef));
    }

    /**
     * Linking's word on a link into this workspace's workbook, in the caller's (the inbox's)
     * transaction: remembered for reads; a link whose source is gone turns every cell of its
     * destination block into {@code #REF!} (one new revision), so the loss shows instead of the
     * last value lingering.
     */
    public void stateChanged(String tenant, LinkStateChanged event) {
        if (!learnState(tenant, event)) {
            return;
        }
        if (!event.sourceDeleted() || event.destinationRef() == null) {
            return;
        }
        sourceDeleted(tenant, event);
    }

    /**
     * Only remembers linking's word on the link (table {@code link_state}), with no edit of the destination: what a
     * rebuild of the view of links by replay applies ({@code LinkStateRebuild}).
     *
     * @return whether the destination workbook exists (else nothing is remembered)
     */
    public boolean learnState(String tenant, LinkStateChanged event) {
        Optional<Workbook> destination = workbooks
                .findByIdAndWorkspace(event.destinationWorkbookId(), tenant)
                .filter(workbook -> !workbook.isDeleted());
        if (destination.isEmpty()) {
            return false;
        }
        linkedCells.state(
                event.linkId(),
                event.destinationWorkbookId(),
                event.status(),
                event.statusReason(),
                event.sourceDeleted(),
                event.sourceChangedRevision(),
                event.heldRevision());
        return true;
    }

    private void sourceDeleted(String tenant, LinkStateChanged event) {
        try {
            CellRange block = CellRange.parse("destinationRef", event.destinationRef());
            if (block.cellCount() > limits.maxBatchCells()) {
                throw new InvalidInputException("destinationRef", "too many cells for one edit: " + block);
            }
            List<Operation.CellEdit> edits = new ArrayList<>();
            for (int row = block.row1(); row <= block.row2(); row++) {
                for (int col = block.col1(); col <= block.col2(); col++) {
                    edits.add(new Operation.CellEdit(block.sheet(), row, col, REF_ERROR));
                }
            }
            cells.applyFromOutside(
                    tenant, event.destinationWorkbookId(), edits, "link:" + event.linkId() + ":source-deleted");
        } catch (InvalidInputException e) {
            log.warn("#REF! for link {} not written: {}", event.linkId(), e.getMessage());
        }
    }
}
