package io.ledgerflow.sharing.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable version of a dataset: how it was published ({@code full} or {@code delta}), its
 * row count, how many rows it inserted, updated and deleted, and its schema.
 */
public record DatasetVersion(
        UUID datasetId,
        long version,
        String kind,
        long rowCount,
        long inserted,
        long updated,
        long deleted,
        List<Column> columns,
        Instant publishedAt) {

    public DatasetVersion {
        columns = List.copyOf(columns);
    }
}
