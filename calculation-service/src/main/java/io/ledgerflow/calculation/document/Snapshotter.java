package io.ledgerflow.calculation.document;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In the background, snapshots workbooks that moved {@code snapshot-every} revisions past their
 * latest snapshot, so reloads after a restart replay few operations. Off the request path.
 */
@Component
class Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    private final SnapshotStore store;
    private final WorkbookDocuments documents;
    private final int every;

    Snapshotter(
            SnapshotStore store,
            WorkbookDocuments documents,
            @Value("${ledgerflow.calculation.snapshot-every:200}") int every) {
        this.store = store;
        this.documents = documents;
        this.every = every;
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
