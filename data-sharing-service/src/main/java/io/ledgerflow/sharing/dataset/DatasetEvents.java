package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/** A dataset's own events (definition, deletion), keyed by the dataset id (contract {@code DatasetCreated.v1}). */
public final class DatasetEvents {

    private DatasetEvents() {}

    /** A dataset was defined; it has no version yet. */
    public record DatasetCreated(
            UUID datasetId, String workspace, String name, List<Column> columns, List<String> primaryKey)
            implements DomainEvent {

        public static DatasetCreated of(Dataset dataset) {
            return new DatasetCreated(
                    dataset.id(), dataset.workspace(), dataset.name(), dataset.columns(), dataset.primaryKey());
        }
    }

    /** A dataset was deleted at its {@code version}: links from it break (contract {@code DatasetDeleted.v1}). */
    public record DatasetDeleted(UUID datasetId, String workspace, long version) implements DomainEvent {}
}
