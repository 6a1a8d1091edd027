package io.ledgerflow.sharing.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.sharing.dataset.Column;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events of a publish, keyed by the dataset id (contracts {@code DatasetVersionPublished.v1}, {@code DatasetRowsChanged.v1}). */
public final class PublishEvents {

    private PublishEvents() {}

    /** Version {@code version} was published: its kind, row counts and schema. */
    public record DatasetVersionPublished(
            UUID datasetId,
            String workspace,
            String name,
            long version,
            Instant publishedAt,
            String kind,
            long rowCount,
            long inserted,
            long updated,
            long deleted,
            List<Column> columns,
            List<String> primaryKey)
            implements DomainEvent {}

    /** Chunk {@code chunk} (from 0) of {@code chunks} of the rows version {@code version} changed, in key order. */
    public record DatasetRowsChanged(
            UUID datasetId,
            String workspace,
            long version,
            Instant publishedAt,
            int chunk,
            int chunks,
            List<ChangedRow> rows)
            implements DomainEvent {}

    /**
     * What the publisher writes for a {@link DatasetRowsChanged}: the same fields, its {@code rows} the JSON array
     * PostgreSQL built (a raw value, written into the envelope as it is). {@code DatasetRowsChanged} stays the
     * contract (its schema, what consumers read); DatasetEventsContractIT reads what this writes back into it.
     */
    record DatasetRowsChangedChunk(
            UUID datasetId,
            String workspace,
            long version,
            Instant publishedAt,
            int chunk,
            int chunks,
            @JsonRawValue String rows)
            implements DomainEvent {

        @Override
        public String eventType() {
            return "DatasetRowsChanged";
        }
    }

    /** A changed row: its key values as text, the change, and unless deleted every column's new value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangedRow(List<String> key, String change, Map<String, Object> values) {}
}
