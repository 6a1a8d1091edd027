package io.ledgerflow.calculation.document;

import io.ledgerflow.formula.ChangeSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The workbooks this instance holds in memory, each kept in step with the revision log in the
 * database. The database is the truth: a workbook another instance changed is brought up to date
 * by replaying the operations it lacks; an edit whose transaction rolls back evicts the workbook,
 * so the next use reloads what was committed.
 */
@Component
public class WorkbookDocuments {

    private final Map<UUID, LoadedWorkbook> loaded = new ConcurrentHashMap<>();
    private final RevisionLog log;

    WorkbookDocuments(RevisionLog log) {
        this.log = log;
    }

    /**
     * Runs {@code read} on the workbook at (at least) {@code revision}, the latest committed one.
     * Access to one workbook is serialised; different workbooks proceed in parallel.
     */
    public <T> T read(UUID workbookId, long revision, Function<LoadedWorkbook, T> read) {
        LoadedWorkbook workbook = upTo(workbookId, revision);
        synchronized (workbook) {
            return read.apply(workbook);
        }
    }

    /**
     * Applies the operation of revision {@code revision} inside the caller's transaction, which
     * must hold the workbook's row lock (so no other writer appends in between). The operation is
     * appended to the revision log in the same transaction.
     */
    public ChangeSet apply(UUID workbookId, long revision, Operation operation, String origin) {
        LoadedWorkbook workbook = upTo(workbookId, revision - 1);
        synchronized (workbook) {
            if (workbook.revision() != revision - 1) {
                throw new IllegalStateException("workbook " + workbookId + " is at revision " + workbook.revision()
                        + ", cannot apply revision " + revision);
            }
            evictOnRollback(workbookId);
            ChangeSet changes = workbook.apply(operation);
            log.append(workbookId, revision, operation, origin);
            return changes;
        }
    }

    /** Starts holding a new workbook at revision 1, logging its creating operation. */
    public LoadedWorkbook create(UUID workbookId, Operation.Create create, String origin) {
        LoadedWorkbook workbook = LoadedWorkbook.create(create);
        log.append(workbookId, 1, create, origin);
        evictOnRollback(workbookId);
        loaded.put(workbookId, workbook);
        return workbook;
    }

    public void evict(UUID workbookId) {
        loaded.remove(workbookId);
    }

    private LoadedWorkbook upTo(UUID workbookId, long revision) {
        LoadedWorkbook workbook = loaded.computeIfAbsent(workbookId, this::load);
        if (workbook.revision() < revision) {
            synchronized (workbook) {
                if (workbook.revision() < revision) {
                    for (Operation operation : log.operations(workbookId, workbook.revision() + 1, revision)) {
                        workbook.apply(operation);
                    }
                }
            }
        }
        return workbook;
    }

    private LoadedWorkbook load(UUID workbookId) {
        List<Operation> first = log.operations(workbookId, 1, 1);
        if (first.isEmpty() || !(first.getFirst() instanceof Operation.Create create)) {
            throw new IllegalStateException("workbook " + workbookId + " has no creating revision");
        }
        return LoadedWorkbook.create(create);
    }

    private void evictOnRollback(UUID workbookId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        evict(workbookId);
                    }
                }
            });
        }
    }
}
