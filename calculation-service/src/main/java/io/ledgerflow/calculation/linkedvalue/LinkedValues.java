package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.Cells;
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
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies values that links carry into a workbook from outside: each delivery — one
 * LinkedValuesSet, v2 carrying every link from one source change into this workbook — is one new
 * revision of the destination, and the cells remember which link and source revision they reflect.
 * A value older than what a cell already reflects is ignored, so late or repeated deliveries never
 * move a cell backwards.
 */
@Service
public class LinkedValues {

    /**
     * The consumer's view of a LinkedValuesSet v2 event (tolerant: only the fields it needs): every
     * link from {@code source} into the destination workbook that one source change reached, all
     * taken at {@code sourceRevision}.
     */
    public record LinkedValuesSet(
            UUID destinationWorkbookId, LinkSource source, long sourceRevision, List<CarriedLink> links) {}

    /** The source document of a LinkedValuesSet v2. */
    public record LinkSource(String type, UUID documentId, String workspace) {}

    /** One link's values in a LinkedValuesSet v2. */
    public record CarriedLink(String linkId, List<LinkedValue> values) {}

    /**
     * A destination cell's value and the source cell (or dataset {@code column[key]}) it reflects;
     * {@code error} ({@code #REF!}) when the source cell lost its own source, the value then null.
     */
    public record LinkedValue(String ref, Object value, String sourceRef, String error) {}

    /**
     * The consumer's view of a LinkedValuesSet v1 event (one link per event; no longer produced,
     * still applied for events already in the log).
     */
    public record LinkedValuesSetV1(
            UUID destinationWorkbookId,
            String linkId,
            LinkSource source,
            long sourceRevision,
            List<LinkedValue> values) {}

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

    /**
     * The consumer's view of a LinkStateChanged v2 event: the states of several links into one
     * destination workbook (a source change holding many manual links is one event); each applies
     * as a v1 event would.
     */
    public record LinkStatesChanged(UUID destinationWorkbookId, List<LinkStateChanged> links) {

        /** Each link's state (read without a destination of its own) as a v1 event into this workbook. */
        public List<LinkStateChanged> each() {
            return links == null
                    ? List.of()
                    : links.stream()
                            .map(link -> new LinkStateChanged(
                                    destinationWorkbookId,
                                    link.linkId(),
                                    link.status(),
                                    link.statusReason(),
                                    link.sourceDeleted(),
                                    link.destinationRef(),
                                    link.sourceChangedRevision(),
                                    link.heldRevision()))
                            .toList();
        }
    }

    /** What a cell whose link lost its source shows, as a formula referring to nothing would. */
    static final String REF_ERROR = "=#REF!";

    /** The one error a link carries: its source cell (or what it was computed from) lost its source. */
    static final String REF = "#REF!";

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
     * Applies a v1 event (one link) in the caller's transaction, as a v2 event of that one link;
     * its revision's origin stays {@code link:<link id>@<source revision>}.
     */
    public Optional<Long> applyV1(String tenant, LinkedValuesSetV1 event) {
        return apply(
                tenant,
                new LinkedValuesSet(
                        event.destinationWorkbookId(),
                        event.source(),
                        event.sourceRevision(),
                        List.of(new CarriedLink(event.linkId(), event.values()))),
                "link:" + event.linkId() + "@" + event.sourceRevision());
    }

    /**
     * Applies every link's values of a v2 event as one revision, in the caller's transaction (the
     * inbox's, so a redelivery does nothing); its origin is {@code link:<event id>@<source revision>}.
     *
     * @return the destination revision written, or empty when nothing applied
     */
    public Optional<Long> apply(String tenant, UUID eventId, LinkedValuesSet event) {
        return apply(tenant, event, "link:" + eventId + "@" + event.sourceRevision());
    }

    private Optional<Long> apply(String tenant, LinkedValuesSet event, String origin) {
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
        List<LinkedCells.Mark> marks = new ArrayList<>();
        List<Operation.CellEdit> edits = new ArrayList<>();
        for (CarriedLink link : event.links()) {
            for (LinkedValue value : link.values()) {
                edit(link.linkId(), value).ifPresent(edit -> {
                    edits.add(edit);
                    marks.add(new LinkedCells.Mark(
                            edit.sheet(), edit.row(), edit.col(), link.linkId(), value.sourceRef()));
                });
            }
        }
        // One statement for every cell: those already reflecting their link at this revision or later stay.
        Set<Integer> newer = linkedCells.newerThere(event.destinationWorkbookId(), marks, event.sourceRevision());
        if (!newer.isEmpty()) {
            List<Operation.CellEdit> keptEdits = new ArrayList<>();
            List<LinkedCells.Mark> keptMarks = new ArrayList<>();
            for (int i = 0; i < edits.size(); i++) {
                if (!newer.contains(i)) {
                    keptEdits.add(edits.get(i));
                    keptMarks.add(marks.get(i));
                }
            }
            edits.clear();
            edits.addAll(keptEdits);
            marks.clear();
            marks.addAll(keptMarks);
        }
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cells.Edit edit = cells.applyFromOutside(tenant, event.destinationWorkbookId(), edits, origin);
            LinkSource source = event.source() == null ? new LinkSource(null, null, null) : event.source();
            linkedCells.rememberAll(
                    event.destinationWorkbookId(), event.sourceRevision(), edit.revision(), source, marks);
            if ("workbook".equals(source.type())) {
                metrics.linkedValueArrived(source.documentId(), event.sourceRevision());
            }
            return Optional.of(edit.revision());
        } catch (InvalidInputException e) {
            log.warn("linked values for workbook {} ignored: {}", event.destinationWorkbookId(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The edit a linked value makes: its value, or {@code #REF!} for a carried {@code #REF!};
     * empty (logged) when the reference or value is not acceptable or the value looks like a formula.
     */
    private Optional<Operation.CellEdit> edit(String linkId, LinkedValue value) {
        try {
            CellRange cell = CellRange.parse("ref", value.ref());
            if (!cell.isSingleCell()) {
                return Optional.empty();
            }
            if (value.error() != null) {
                return REF.equals(value.error())
                        ? Optional.of(new Operation.CellEdit(cell.sheet(), cell.row1(), cell.col1(), REF_ERROR))
                        : Optional.empty();
            }
            Contents.check("value", value.value(), limits);
            return isFormula(value.value())
                    ? Optional.empty()
                    : Optional.of(new Operation.CellEdit(cell.sheet(), cell.row1(), cell.col1(), value.value()));
        } catch (InvalidInputException e) {
            log.warn("linked value for {} of link {} ignored: {}", value.ref(), linkId, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isFormula(Object value) {
        // A linked value is a value, never code to run in the destination.
        return value instanceof String text && text.startsWith("=");
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
