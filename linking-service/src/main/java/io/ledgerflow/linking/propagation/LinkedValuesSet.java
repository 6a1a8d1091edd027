package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Values a link carries into its destination workbook, taken from the source at {@code
 * sourceRevision} (a dataset's version). Keyed by the destination workbook. The contract
 * calculation-service consumes: event-log's {@code contracts/LinkedValuesSet.v1.json}.
 */
public record LinkedValuesSet(
        UUID destinationWorkbookId, UUID linkId, Source source, long sourceRevision, List<Value> values)
        implements DomainEvent {

    /**
     * Where the values come from: a workbook and its canonical {@code ref}, or a dataset, its
     * {@code column} and row {@code keys} ({@code ref} then reads e.g. {@code rate[EUR]}). The last three
     * came after v1 (and are null for a workbook source): optional in the schema.
     */
    public record Source(
            String type,
            UUID documentId,
            String ref,
            @Nullable String workspace,
            @Nullable String column,
            @Nullable List<List<String>> keys) {}

    /**
     * One destination cell, its new value (a number, text or boolean; null empties it) and the
     * source cell it comes from ({@code sourceRef}: a canonical cell, or {@code column[key]} of a
     * dataset row), so the destination can explain it.
     */
    public record Value(String ref, Object value, String sourceRef) {

        public Value(String ref, Object value) {
            this(ref, value, null);
        }
    }
}
