package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.calculation.workbook.persistence.WorkbookRepository;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Answers linking's requests for the current values of a link's source range, through the log:
 * a SourceValuesReported on the workbook's events. The workbook row is locked first, so the answer
 * takes its outbox position after every change already committed and before any later one.
 */
@Service
public class SourceValues {

    /** Calculation's view of linking's SourceValuesRequested (tolerant: only what it needs). */
    public record SourceValuesRequested(UUID linkId, UUID workbookId, String ref) {}

    private final WorkbookRepository workbooks;
    private final Cells cells;
    private final Outbox outbox;

    SourceValues(WorkbookRepository workbooks, Cells cells, Outbox outbox) {
        this.workbooks = workbooks;
        this.cells = cells;
        this.outbox = outbox;
    }

    /** Runs in the caller's transaction (the inbox's): one answer per request. */
    public void report(String tenant, SourceValuesRequested request) {
        Optional<Workbook> workbook = workbooks
                .findForUpdateByIdAndWorkspace(request.workbookId(), tenant)
                .filter(w -> !w.isDeleted());
        SourceValuesReported answer;
        if (workbook.isEmpty()) {
            answer = new SourceValuesReported(
                    request.workbookId(),
                    request.linkId(),
                    0,
                    request.ref(),
                    List.of(),
                    "no workbook " + request.workbookId() + " in workspace " + tenant);
        } else {
            answer = read(tenant, request, workbook.get().revision());
        }
        outbox.append(
                Topics.Calculation.WORKBOOK_EVENTS,
                Workbooks.AGGREGATE,
                request.workbookId().toString(),
                tenant,
                answer);
    }

    private SourceValuesReported read(String tenant, SourceValuesRequested request, long revision) {
        try {
            Cells.Read read = cells.read(tenant, request.workbookId(), request.ref(), null, null);
            return new SourceValuesReported(
                    request.workbookId(),
                    request.linkId(),
                    read.revision(),
                    read.range(),
                    read.cells().stream()
                            .map(c -> new SourceValuesReported.Cell(c.ref(), c.sheet(), c.row(), c.col(), c.value()))
                            .toList(),
                    null);
        } catch (InvalidInputException | NotFoundException e) {
            return new SourceValuesReported(
                    request.workbookId(), request.linkId(), revision, request.ref(), List.of(), e.getMessage());
        }
    }
}
