package io.ledgerflow.calculation.document;

import io.ledgerflow.calculation.observability.CalculationMetrics;
import io.ledgerflow.formula.ChangeSet;
import java.util.LinkedHashMap;
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
 * database. The database is the truth: a workbook is loaded from its latest snapshot plus the
 * operations after it; one another instance changed is brought up to date by replaying what it
 * lacks; an edit whose transaction rolls back evicts the workbook, so the next use reloads what was
 * committed. A read of a revision older than the loaded snapshot replays the log from revision 1
 * into a separate, briefly cached copy.
 */
@Component
public class WorkbookDocuments {

    private static final int ARCHIVE_COPIES = 4;

    private final Map<UUID, LoadedWorkbook> loaded = new ConcurrentHashMap<>();
    /** When each loaded workbook was last used (System.nanoTime), for eviction. */
    private final Map<UUID, Long> lastUsed = new ConcurrentHashMap<>();

    private final Map<UUID, LoadedWorkbook> archive = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, LoadedWorkbook> eldest) {
            return size() > ARCHIVE_COPIES;
        }
    };
    private final RevisionLog log;
    private final SnapshotStore snapshots;
    private final CalculationMetrics metrics;

    WorkbookDocuments(RevisionLog log, SnapshotStore snapshots, CalculationMetrics metrics) {
        this.log = log;
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    /** Runs {@code read} on the workbook, which reads at {@code revision} only. */
    public <T> T read(UUID workbookId, long revision, Function<LoadedWorkbook, T> read) {
        return read(workbookId, revision, revision, read);
    }

    /**
     * Runs {@code read} on the workbook holding every revision from {@code oldest} to {@code
     * newest}. Access to one workbook is serialised; different workbooks proceed in parallel.
     */
    public <T> T read(UUID workbookId, long newest, long oldest, Function<LoadedWorkbook, T> read) {
        LoadedWorkbook workbook = upTo(workbookId, newest);
        if (oldest < workbook.base()) {
            workbook = archived(workbookId, newest);
        }
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
            ChangeSet changes =
                    metrics.recalculate(workbookId, operation.kind(), () -> workbook.apply(operation), ChangeSet::size);
            log.append(workbookId, revision, operation, origin);
            return changes;
        }
    }

    /** The workbooks held in memory now (a copy), for the management port's statistics. */
    public Map<UUID, LoadedWorkbook> loadedWorkbooks() {
        return Map.copyOf(loaded);
    }

    /** Starts holding a new workbook at revision 1, logging its creating operation. */
    public LoadedWorkbook create(UUID workbookId, Operation.Create create, String origin) {
        LoadedWorkbook workbook = LoadedWorkbook.create(create);
        log.append(workbookId, 1, create, origin);
        evictOnRollback(workbookId);
        loaded.put(workbookId, workbook);
        lastUsed.put(workbookId, System.nanoTime());
        return workbook;
    }

    /** Stores a snapshot of the workbook's contents at {@code revision}. */
    public void snapshot(UUID workbookId, long revision) {
        Operation.Create contents = read(workbookId, revision, workbook -> workbook.snapshot(revision));
        snapshots.save(workbookId, revision, contents);
    }

    /** Forgets the in-memory copy: the next use reloads from the database. */
    public void evict(UUID workbookId) {
        loaded.remove(workbookId);
        lastUsed.remove(workbookId);
        synchronized (archive) {
            archive.remove(workbookId);
        }
    }

    private LoadedWorkbook upTo(UUID workbookId, long revision) {
        LoadedWorkbook workbook = loaded.computeIfAbsent(workbookId, id -> load(id, revision));
        lastUsed.put(workbookId, System.nanoTime());
        return replayTo(workbookId, workbook, revision);
    }

    /** How many workbooks are held in memory now. */
    public int loadedCount() {
        return loaded.size();
    }

    /**
     * Forgets the least recently used workbooks beyond {@code keep}, and any unused for longer than
     * {@code idle}: memory stays bounded, and a forgotten workbook reloads from its snapshot. A
     * workbook in the middle of an edit may be forgotten too; its writer keeps its copy, and the
     * next use loads what was committed.
     *
     * @return how many were forgotten
     */
    public int evictIdle(int keep, java.time.Duration idle) {
        long now = System.nanoTime();
        List<Map.Entry<UUID, Long>> byAge = lastUsed.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .toList();
        int evicted = 0;
        for (int i = 0; i < byAge.size(); i++) {
            boolean tooMany = byAge.size() - i > keep;
            boolean tooOld = now - byAge.get(i).getValue() > idle.toNanos();
            if (tooMany || tooOld) {
                evict(byAge.get(i).getKey());
                evicted++;
            }
        }
        return evicted;
    }

    private LoadedWorkbook archived(UUID workbookId, long revision) {
        LoadedWorkbook copy;
        synchronized (archive) {
            copy = archive.computeIfAbsent(workbookId, this::fromTheStart);
        }
        return replayTo(workbookId, copy, revision);
    }

    private LoadedWorkbook replayTo(UUID workbookId, LoadedWorkbook workbook, long revision) {
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

    /** Loads from the newest snapshot at or before {@code revision}, or from the creating revision. */
    private LoadedWorkbook load(UUID workbookId, long revision) {
        return snapshots
                .latest(workbookId, Math.max(1, revision))
                .map(snapshot -> LoadedWorkbook.at(snapshot.contents(), snapshot.revision()))
                .orElseGet(() -> fromTheStart(workbookId));
    }

    private LoadedWorkbook fromTheStart(UUID workbookId) {
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
