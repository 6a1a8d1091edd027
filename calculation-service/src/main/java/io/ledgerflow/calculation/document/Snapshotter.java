package io.ledgerflow.calculation.document;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In the background, bounds the workbooks held in memory and snapshots workbooks that moved {@code snapshot-every} revisions past their
 * latest snapshot, so reloads after a restart replay few operations. Off the request path.
 */
@Component
class Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    private final SnapshotStore store;
    private final WorkbookDocuments documents;
    private final int every;
    private final int maxLoaded;
    private final java.time.Duration maxIdle;

    Snapshotter(
            SnapshotStore store,
            WorkbookDocuments documents,
            @Value("${ledgerflow.calculation.snapshot-every:200}") int every,
            @Value("${ledgerflow.calculation.max-loaded-workbooks:500}") int maxLoaded,
            @Value("${ledgerflow.calculation.max-idle:30m}") java.time.Duration maxIdle) {
        this.store = store;
        this.documents = documents;
        this.every = every;
        this.maxLoaded = maxLoaded;
        this.maxIdle = maxIdle;
    }

    /** Keeps memory bounded: the workbooks used least recently go, and reload from snapshots. */
    @Scheduled(fixedDelayString = "${ledgerflow.calculation.eviction-interval:30s}")
    void evictIdleWorkbooks() {
        int evicted = documents.evictIdle(maxLoaded, maxIdle);
        if (evicted > 0) {
            log.debug("forgot {} idle workbooks; {} stay loaded", evicted, documents.loadedCount());
        }
    }

    @Scheduled(
            initialDelayString = "${ledgerflow.calculation.snapshot-interval:10s}",
            fixedDelayString = "${ledgerflow.calculation.snapshot-interval:10s}")
    void snapshotDueWorkbooks() {
        for (Object[] due : store.due(every, 20)) {
            UUID id = (UUID) due[0];
            long revision = (long) due[1];
            try {
                documents.snapshot(id, revision);
            } catch (RuntimeException e) {
                log.warn("snapshot of workbook {} at revision {} failed: {}", id, revision, e.toString());
            }
        }
    }
}
