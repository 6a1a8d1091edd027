package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Version 2: every link from one source document that one source change (or a new link's first
 * values, or a publish) carries into one destination workbook, taken from the source at {@code
 * sourceRevision} (a dataset's version) — one event per destination workbook, however many links
 * and cells, which calculation applies as one revision. Keyed by the destination workbook. The
 * contract calculation-service consumes: event-log's {@code contracts/LinkedValuesSet.v2.json}
 * (v1, one event per link, is no longer produced; calculation still reads it).
 */
public record LinkedValuesSet(UUID destinationWorkbookId, Source source, long sourceRevision, List<Carried> links)
        implements DomainEvent {

    @Override
    public int schemaVersion() {
        return 2;
    }

    /** The source document: a workbook, or a dataset (with the workspace owning it). */
    public record Source(String type, UUID documentId, @Nullable String workspace) {}

    /**
     * One link's values: its canonical source {@code ref} (for a dataset, {@code column} and row
     * {@code keys}, {@code ref} then e.g. {@code rate[EUR]}) and the destination cells it sets.
     */
    public record Carried(
            UUID linkId,
            String ref,
            @Nullable String column,
            @Nullable List<List<String>> keys,
            List<Value> values) {}

    /**
     * One destination cell, its new value (a number, text or boolean; null empties it) and the
     * source cell it comes from ({@code sourceRef}: a canonical cell, or {@code column[key]} of a
     * dataset row), so the destination can explain it; {@code error} is {@code #REF!} (value null)
     * when the source cell shows a lost source of its own, so the loss travels down a chain.
     */
    public record Value(String ref, @Nullable Object value, @Nullable String sourceRef, @Nullable String error) {

        public Value(String ref, Object value) {
            this(ref, value, null, null);
        }
    }
}
