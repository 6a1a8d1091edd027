package io.ledgerflow.linking.link;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ledgerflow.linking.graph.LinkGraph;
import io.ledgerflow.linking.reference.Area;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A link: the values at a source (a workbook cell or range, a dataset field or a slice of a
 * dataset column) flow into a destination area of a workbook of the same shape. References are
 * kept in canonical form ({@link Area}); {@code sourceRef} and {@code destinationRef} are their
 * canonical text.
 *
 * @param workspace the link's (and the destination's) workspace
 * @param kind {@code cell}, {@code range}, {@code dataset-field} or {@code dataset-slice}
 * @param sourceWorkspace the source document's workspace: another one only for a shared dataset
 * @param sourceKeys dataset sources: the row keys (each the primary-key values as strings)
 * @param status {@code active}, {@code revoked} (its grant ended) or {@code broken} (a document went)
 * @param publishMode {@code auto} (changes flow at once) or {@code manual} (held until published)
 * @param propagatedRevision the source revision (dataset version) the destination reflects
 * @param sourceChangedRevision the newest source revision that changed the link's source cells
 * @param sourceLatest the newest revision of the source document linking has seen
 * @param pending destination cells holding an unpublished value (manual links)
 */
public record Link(
        UUID id,
        String workspace,
        String kind,
        String sourceType,
        String sourceWorkspace,
        UUID sourceDocumentId,
        String sourceRef,
        String sourceColumn,
        List<List<String>> sourceKeys,
        UUID destinationWorkbookId,
        String destinationRef,
        String status,
        String statusReason,
        String publishMode,
        UUID grantId,
        Long propagatedRevision,
        Long sourceChangedRevision,
        Long sourceLatest,
        int pending,
        Instant createdAt,
        @JsonIgnore Area sourceArea,
        @JsonIgnore Area destinationArea) {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String BROKEN = "broken";
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";

    /**
     * Whether the destination is behind its source: the source changed the linked cells after the
     * revision carried, the value is held for publishing, or no value arrived yet.
     */
    @JsonProperty("stale")
    public boolean isStale() {
        return ACTIVE.equals(status)
                && (propagatedRevision == null
                        || pending > 0
                        || (sourceChangedRevision != null && sourceChangedRevision > propagatedRevision));
    }

    /** By how many source revisions (dataset versions) the destination is behind; 0 when current. */
    @JsonProperty("behindBy")
    public long getBehindBy() {
        if (!isStale()) {
            return 0;
        }
        long newest = Math.max(
                sourceLatest == null ? 0 : sourceLatest, sourceChangedRevision == null ? 0 : sourceChangedRevision);
        return Math.max(1, newest - (propagatedRevision == null ? 0 : propagatedRevision));
    }

    @JsonIgnore
    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean fromWorkbook() {
        return sourceArea != null;
    }

    public LinkGraph.Edge edge() {
        return new LinkGraph.Edge(
                id,
                workspace,
                sourceType,
                sourceDocumentId,
                sourceArea,
                sourceColumn,
                sourceKeys,
                destinationWorkbookId,
                destinationArea,
                isActive());
    }

    public LinkCreated created() {
        return new LinkCreated(
                id,
                kind,
                sourceType,
                sourceWorkspace,
                sourceDocumentId,
                sourceRef,
                sourceColumn,
                sourceKeys,
                destinationWorkbookId,
                destinationRef,
                publishMode);
    }

    /** This link's state for its destination; {@code held}: the source revision of values it holds. */
    public LinkStateChanged.State state(boolean sourceDeleted, Long held) {
        return new LinkStateChanged.State(
                id, status, statusReason, sourceDeleted, destinationRef, sourceChangedRevision, held);
    }

    public LinkRemoved removed() {
        return new LinkRemoved(id, destinationWorkbookId, destinationRef);
    }
}
