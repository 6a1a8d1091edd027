package io.ledgerflow.calculation.cell;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A cell holding a link's value, as a read shows it: the source and the revision (dataset
 * version) it reflects, when it arrived, and what linking said of the link since — {@code held}
 * (a manual link holds a newer value), {@code stale} (the source moved on: held, not yet
 * carried, or the link stopped) and by how many source revisions.
 */
public record LinkedCell(
        String ref,
        String linkId,
        Source source,
        long sourceRevision,
        Instant linkedAt,
        String status,
        String statusReason,
        Long sourceChangedRevision,
        Long heldRevision) {

    /** The status of a link that carries its source's values (linking reports the others). */
    public static final String ACTIVE = "active";

    /** Where a linked value comes from: the link's source document and the source cell or field. */
    public record Source(String type, UUID documentId, String workspace, String ref) {}

    @JsonProperty("held")
    public boolean isHeld() {
        return heldRevision != null && heldRevision > sourceRevision;
    }

    @JsonProperty("stale")
    public boolean isStale() {
        return isHeld()
                || !ACTIVE.equals(status)
                || (sourceChangedRevision != null && sourceChangedRevision > sourceRevision);
    }

    /** Source revisions the cell is behind (0 when current or when a stopped link cannot say). */
    @JsonProperty("behindBy")
    public long behindBy() {
        long newest = Math.max(
                heldRevision == null ? 0 : heldRevision, sourceChangedRevision == null ? 0 : sourceChangedRevision);
        return Math.max(0, newest - sourceRevision);
    }
}
