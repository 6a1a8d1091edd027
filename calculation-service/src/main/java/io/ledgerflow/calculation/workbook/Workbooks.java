package io.ledgerflow.calculation.workbook;

import io.ledgerflow.calculation.document.DefinedName;
import io.ledgerflow.calculation.document.Operation;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.workbook.persistence.WorkbookRepository;
import io.ledgerflow.calculation.workbook.persistence.WorkbookRows;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.service.problem.PreconditionFailedException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The workbook use cases: each change, its revision and its events commit in one transaction. */
@Service
public class Workbooks {

    public static final String AGGREGATE = "workbook";

    private final WorkbookRepository repository;
    private final WorkbookRows rows;
    private final WorkbookDocuments documents;
    private final Outbox outbox;
    private final CalculationLimits limits;
    private final Clock clock;

    Workbooks(
            WorkbookRepository repository,
            WorkbookRows rows,
            WorkbookDocuments documents,
            Outbox outbox,
            CalculationLimits limits) {
        this.repository = repository;
        this.rows = rows;
        this.documents = documents;
        this.outbox = outbox;
        this.limits = limits;
        this.clock = Clock.systemUTC();
    }

    /** An empty workbook with one sheet, {@code Sheet1}. */
    @Transactional
    public Workbook create(String workspace, String name) {
        return create(workspace, name, Map.of("Sheet1", List.of()));
    }

    /**
     * A workbook with the given sheets (each a 2-D array of contents, the engine runner's format).
     * Contents are validated before anything is stored.
     */
    @Transactional
    public Workbook create(String workspace, String name, Map<String, List<List<Object>>> sheets) {
        return create(workspace, name, new Operation.Create(sheets));
    }

    /**
     * A workbook from its creating operation: sheets, defined names and date system (an imported
     * file's). Everything is validated before anything is stored.
     */
    @Transactional
    public Workbook create(String workspace, String name, Operation.Create contents) {
        Operation.Create create = new Operation.Create(
                new LinkedHashMap<>(contents.sheets()),
                contents.names() == null || contents.names().isEmpty() ? null : List.copyOf(contents.names()),
                contents.in1904() ? true : null);
        validate(create);
        Workbook workbook = repository.save(Workbook.create(workspace, name, clock.instant(), create.in1904()));
        documents.create(workbook.id(), create, "user");
        outbox.append(
                Topics.Calculation.WORKBOOK_EVENTS, AGGREGATE, workbook.id().toString(), workspace, workbook.created());
        return workbook;
    }

    @Transactional(readOnly = true)
    public Workbook get(String workspace, UUID id) {
        return rows.find(id, workspace)
                .filter(workbook -> !workbook.isDeleted())
                .orElseThrow(() -> notFound(workspace, id));
    }

    /** The workbook even when deleted: its history stays readable. */
    @Transactional(readOnly = true)
    public Workbook getIncludingDeleted(String workspace, UUID id) {
        return rows.find(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    /**
     * Locks the workbook for a change and checks the client's expected revision ({@code If-Match}).
     * Must run inside the changing transaction.
     */
    public Workbook lockForChange(String workspace, UUID id, Long expectedRevision) {
        Workbook workbook = rows.findForUpdate(id, workspace)
                .filter(found -> !found.isDeleted())
                .orElseThrow(() -> notFound(workspace, id));
        if (expectedRevision != null && expectedRevision != workbook.revision()) {
            throw new PreconditionFailedException("workbook " + id + " is at revision " + workbook.revision() + ", not "
                    + expectedRevision + " as the request expected; read it again and retry");
        }
        return workbook;
    }

    /** Records that the locked workbook moved to its next revision. */
    public Workbook advance(Workbook locked) {
        return rows.update(locked.nextRevision());
    }

    @Transactional(readOnly = true)
    public List<Workbook> list(String workspace, int page, int size) {
        return repository.findByWorkspaceAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(
                workspace, PageRequest.of(page, size));
    }

    @Transactional(readOnly = true)
    public long count(String workspace) {
        return repository.countByWorkspaceAndDeletedAtIsNull(workspace);
    }

    @Transactional
    public void delete(String workspace, UUID id, Long expectedRevision) {
        Workbook locked = lockForChange(workspace, id, expectedRevision);
        Workbook deleted = rows.update(locked.delete(clock.instant()));
        documents.apply(id, deleted.revision(), new Operation.Delete(), "user");
        outbox.append(Topics.Calculation.WORKBOOK_EVENTS, AGGREGATE, id.toString(), workspace, deleted.deleted());
    }

    private void validate(Operation.Create create) {
        if (create.sheets().isEmpty()) {
            throw new InvalidInputException("sheets", "a workbook needs at least one sheet");
        }
        if (create.sheets().size() > limits.maxSheets()) {
            throw new InvalidInputException("sheets", "a workbook has at most " + limits.maxSheets() + " sheets");
        }
        if (create.cellCount() > limits.maxWorkbookCells()) {
            throw new InvalidInputException(
                    "sheets",
                    "a workbook has at most " + limits.maxWorkbookCells() + " cells; this one has "
                            + create.cellCount());
        }
        Set<String> seen = new HashSet<>();
        for (DefinedName name : create.definedNames()) {
            String field = "names." + name.name();
            String problem = name.problem();
            if (problem != null) {
                throw new InvalidInputException(field, problem);
            }
            if (name.sheet() != null && !create.sheets().containsKey(name.sheet())) {
                throw new InvalidInputException(field, "the workbook has no sheet '" + name.sheet() + "'");
            }
            String key = (name.sheet() == null ? "" : name.sheet().toLowerCase(Locale.ROOT) + "!")
                    + name.name().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new InvalidInputException(field, "the name is defined twice in the same scope");
            }
        }
        create.sheets().forEach((sheet, rows) -> {
            Contents.checkSheetName("sheets", sheet);
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; row != null && c < row.size(); c++) {
                    Contents.check("sheets." + sheet + "[" + r + "][" + c + "]", row.get(c), limits);
                }
            }
        });
    }

    private static NotFoundException notFound(String workspace, UUID id) {
        return new NotFoundException("workbook " + id + " does not exist in workspace " + workspace);
    }
}
