package io.ledgerflow.calculation.workbook;

import io.ledgerflow.calculation.workbook.persistence.WorkbookRepository;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The workbook use cases: each change and its event commit in one transaction. */
@Service
public class Workbooks {

    private static final String AGGREGATE = "workbook";

    private final WorkbookRepository repository;
    private final Outbox outbox;
    private final Clock clock;

    Workbooks(WorkbookRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public Workbook create(String workspace, String name) {
        Workbook workbook = repository.save(Workbook.create(workspace, name, clock.instant()));
        outbox.append(
                Topics.Calculation.WORKBOOK_EVENTS, AGGREGATE, workbook.id().toString(), workspace, workbook.created());
        return workbook;
    }

    @Transactional(readOnly = true)
    public Workbook get(String workspace, UUID id) {
        return repository
                .findByIdAndWorkspace(id, workspace)
                .filter(workbook -> !workbook.isDeleted())
                .orElseThrow(
                        () -> new NotFoundException("workbook " + id + " does not exist in workspace " + workspace));
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
    public void delete(String workspace, UUID id) {
        Workbook deleted = repository.save(get(workspace, id).delete(clock.instant()));
        outbox.append(
                Topics.Calculation.WORKBOOK_EVENTS, AGGREGATE, deleted.id().toString(), workspace, deleted.deleted());
    }
}
