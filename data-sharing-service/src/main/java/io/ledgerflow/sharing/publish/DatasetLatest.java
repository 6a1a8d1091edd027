package io.ledgerflow.sharing.publish;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.sharing.dataset.Column;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The whole latest state of a dataset's published data, on the compacted topic {@code
 * ledgerflow.sharing.dataset-latest.v1} (key = dataset id; a tombstone when the dataset is deleted): what a
 * new reader needs to know which version is current without reading the dataset's history.
 */
public record DatasetLatest(
        UUID datasetId,
        String workspace,
        String name,
        long version,
        Instant publishedAt,
        String kind,
        long rowCount,
        List<Column> columns,
        List<String> primaryKey)
        implements DomainEvent {

    /** The state after {@code published}. */
    public static DatasetLatest of(PublishEvents.DatasetVersionPublished published) {
        return new DatasetLatest(
                published.datasetId(),
                published.workspace(),
                published.name(),
                published.version(),
                published.publishedAt(),
                published.kind(),
                published.rowCount(),
                published.columns(),
                published.primaryKey());
    }
}
