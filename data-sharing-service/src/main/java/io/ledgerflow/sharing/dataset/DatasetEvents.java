package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;

/** The definition event of a dataset, keyed by the dataset id (contract {@code DatasetCreated.v1}). */
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
}
