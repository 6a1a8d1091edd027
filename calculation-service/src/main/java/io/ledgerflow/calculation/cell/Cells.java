package io.ledgerflow.calculation.cell;

import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.Operation;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.workbook.CalculationLimits;
import io.ledgerflow.calculation.workbook.Contents;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.formula.CellAddress;
import io.ledgerflow.formula.ChangeSet;
import io.ledgerflow.service.problem.ConflictException;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and setting cells: every edit is one new revision with its CellValuesChanged events. */
@Service
public class Cells {

    /** One cell as read at a revision. */
    public record Cell(String ref, String sheet, int row, int col, Object content, String formula, CellValue value) {}

    /**
     * A block of cells read at one revision; {@code links}: the cells of the block holding a link's
     * value, with its source, the source revision reflected and whether it is stale or held (read
     * at the latest revision only: links describe the present).
     */
    public record Read(UUID workbookId, long revision, String range, List<Cell> cells, List<LinkedCell> links) {}

    /** A cell's new content in an edit. */
    public record CellInput(String ref, Object content) {}

    /** What an edit did: its revision and the cells whose values changed. */
    /**
     * What an edit did: its revision, how many cells changed value, and those cells — the first
     * {@link #RESPONSE_CELLS} of them; every change is on the log in CellValuesChanged events.
     */
    public record Edit(
            UUID workbookId,
            long revision,
            int changedCount,
            List<CellValuesChanged.Change> changed,
            boolean truncated) {

        static Edit of(UUID workbookId, long revision, List<CellValuesChanged.Change> changed) {
            return changed.size() <= RESPONSE_CELLS
                    ? new Edit(workbookId, revision, changed.size(), changed, false)
                    : new Edit(
                            workbookId,
                            revision,
                            changed.size(),
                            List.copyOf(changed.subList(0, RESPONSE_CELLS)),
                            true);
        }
    }

    /** A response lists at most this many changed cells; a 10^5-cell cone stays on the log. */
    public static final int RESPONSE_CELLS = 1000;

    private final Workbooks workbooks;
    private final WorkbookDocuments documents;
    private final Outbox outbox;
    private final CalculationLimits limits;
    private final RevisionWaiter waiter;
    private final LinkMarks linkMarks;

    Cells(
            Workbooks workbooks,
            WorkbookDocuments documents,
            Outbox outbox,
            CalculationLimits limits,
            RevisionWaiter waiter,
            LinkMarks linkMarks) {
        this.workbooks = workbooks;
        this.documents = documents;
        this.outbox = outbox;
        this.limits = limits;
        this.waiter = waiter;
        this.linkMarks = linkMarks;
    }

    /**
     * Reads a cell or block at a revision: the latest committed one, or {@code asOf}. With {@code
     * minRevision}, waits (bounded) until the workbook has reached it, for read-your-writes.
     */
    public Read read(String workspace, UUID id, String reference, Long asOf, Long minRevision) {
        CellRange range = CellRange.parse("range", reference);
        if (range.cellCount() > limits.maxReadCells()) {
            throw new InvalidInputException(
                    "range",
                    "a read returns at most " + limits.maxReadCells() + " cells; " + range + " has "
                            + range.cellCount());
        }
        Workbook workbook =
                minRevision == null ? workbooks.get(workspace, id) : waiter.awaitRevision(workspace, id, minRevision);
        long revision = workbook.revisionToRead(asOf);
        List<LinkedCell> links = revision == workbook.revision()
                ? linkMarks.in(id, range.sheet(), range.row1(), range.col1(), range.row2(), range.col2())
                : List.of();
        return documents.read(id, revision, loaded -> {
            loaded.requireSheet("range", range.sheet());
            List<Cell> cells = new ArrayList<>((int) range.cellCount());
            for (int row = range.row1(); row <= range.row2(); row++) {
                for (int col = range.col1(); col <= range.col2(); col++) {
                    cells.add(cell(loaded, revision, range.sheet(), row, col));
                }
            }
            return new Read(id, revision, range.toString(), cells, links);
        });
    }

    /**
     * Sets cells atomically in one new revision. Every input is validated before anything changes;
     * {@code expectedRevision} (If-Match) guards against lost updates.
     */
    @Transactional
    public Edit set(String workspace, UUID id, Long expectedRevision, List<CellInput> inputs, String origin) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("cells", "an edit sets at least one cell");
        }
        if (inputs.size() > limits.maxBatchCells()) {
            throw new InvalidInputException(
                    "cells",
                    "an edit sets at most " + limits.maxBatchCells() + " cells; this one sets " + inputs.size());
        }
        List<Operation.CellEdit> edits = new ArrayList<>(inputs.size());
        Set<CellAddress> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            CellInput input = inputs.get(i);
            String field = "cells[" + i + "]";
            CellRange cell = CellRange.parse(field + ".ref", input.ref());
            if (!cell.isSingleCell()) {
                throw new InvalidInputException(field + ".ref", "an edit names single cells, not " + cell);
            }
            Contents.check(field + ".content", input.content(), limits);
            if (!seen.add(new CellAddress(cell.sheet(), cell.row1(), cell.col1()))) {
                throw new InvalidInputException(field + ".ref", cell + " is set twice in one edit");
            }
            edits.add(new Operation.CellEdit(cell.sheet(), cell.row1(), cell.col1(), input.content()));
        }
        Edit edit = apply(workspace, id, expectedRevision, edits, origin);
        linkMarks.forget(id, edits); // the cells no longer reflect a link
        return edit;
    }

    /**
     * Sets cells from outside the workbook (linked values) as the next revision, in the caller's
     * transaction. The edits are already validated; unknown sheets are a 422 as for users.
     */
    public Edit applyFromOutside(String workspace, UUID id, List<Operation.CellEdit> edits, String origin) {
        return apply(workspace, id, null, edits, origin);
    }

    /** Applies validated edits as the next revision; must run in the caller's transaction. */
    Edit apply(String workspace, UUID id, Long expectedRevision, List<Operation.CellEdit> edits, String origin) {
        return apply(workspace, id, expectedRevision, new Operation.SetCells(edits), origin, loaded -> {
            for (int i = 0; i < edits.size(); i++) {
                loaded.requireSheet("cells[" + i + "].ref", edits.get(i).sheet());
            }
        });
    }

    /**
     * Applies an operation as the workbook's next revision, in the caller's transaction: locks the
     * workbook, checks {@code expectedRevision} and the operation against the current state, logs
     * it, and publishes the values it changed. The engine refusing the operation is a 422.
     */
    public Edit apply(
            String workspace,
            UUID id,
            Long expectedRevision,
            Operation operation,
            String origin,
            Consumer<LoadedWorkbook> check) {
        Workbook locked = workbooks.lockForChange(workspace, id, expectedRevision);
        documents.read(id, locked.revision(), loaded -> {
            check.accept(loaded);
            return null;
        });
        Workbook next = workbooks.advance(locked);
        ChangeSet changes;
        try {
            changes = documents.apply(id, next.revision(), operation, origin);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(operation.kind(), e.getMessage());
        }
        List<CellValuesChanged.Change> changed = changes(changes);
        publish(workspace, id, next.revision(), changed);
        return Edit.of(id, next.revision(), changed);
    }

    private void publish(String workspace, UUID id, long revision, List<CellValuesChanged.Change> changed) {
        if (changed.isEmpty()) {
            return;
        }
        int size = limits.eventChunkCells();
        int chunks = (changed.size() + size - 1) / size;
        for (int chunk = 0; chunk < chunks; chunk++) {
            List<CellValuesChanged.Change> part =
                    changed.subList(chunk * size, Math.min(changed.size(), (chunk + 1) * size));
            outbox.append(
                    Topics.Calculation.WORKBOOK_EVENTS,
                    Workbooks.AGGREGATE,
                    id.toString(),
                    workspace,
                    new CellValuesChanged(id, revision, chunk + 1, chunks, List.copyOf(part)));
        }
    }

    private static List<CellValuesChanged.Change> changes(ChangeSet changes) {
        if (changes == null) {
            return List.of();
        }
        List<CellValuesChanged.Change> list = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            CellAddress address = changes.address(i);
            list.add(new CellValuesChanged.Change(
                    CellRange.name(address.sheet(), address.row(), address.col()),
                    address.sheet(),
                    address.row(),
                    address.col(),
                    CellValue.of(changes.oldValue(i)),
                    CellValue.of(changes.newValue(i))));
        }
        return list;
    }

    static Cell cell(LoadedWorkbook loaded, long revision, String sheet, int row, int col) {
        String formula = loaded.formula(revision, sheet, row, col);
        CellValue value = CellValue.of(loaded.value(revision, sheet, row, col));
        Object content = formula != null ? formula : value.value();
        return new Cell(CellRange.name(sheet, row, col), sheet, row, col, content, formula, value);
    }

    /** Thrown when a requested minimum revision was not reached in time. */
    static ConflictException notReached(UUID id, long minRevision, long revision) {
        return new ConflictException("workbook " + id + " is at revision " + revision + " and did not reach revision "
                + minRevision + " in time; retry later");
    }
}
