package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/** The events of a dataset, all keyed by the dataset id. */
public final class DatasetEvents {

    private DatasetEvents() {}

    /** A dataset was defined; it has no version yet. */
    public record DatasetCreated(UUID datasetId, String name, List<Dataset.Column> columns, String primaryKey)
            implements DomainEvent {}

    /** A new immutable version of the dataset was published. */
    public record DatasetVersionPublished(
            UUID datasetId, String name, long version, int rowCount, List<Dataset.Column> columns)
            implements DomainEvent {}
}
