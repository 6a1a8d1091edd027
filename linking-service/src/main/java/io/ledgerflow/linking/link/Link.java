package io.ledgerflow.linking.link;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A link: the value at a source (a workbook cell or range, or a dataset field) flows into one cell
 * of a destination workbook.
 *
 * @param sourceType {@code workbook} or {@code dataset}
 * @param sourceRef e.g. {@code Rates!B2}, or {@code column:key} for a dataset field
 * @param destinationCell e.g. {@code Sheet1!C3}
 * @param propagatedRevision the source revision last carried into the destination (null: none yet)
 */
@Table("link")
public record Link(
        @Id UUID id,
        String workspace,
        String sourceType,
        UUID sourceDocumentId,
        String sourceRef,
        UUID destinationWorkbookId,
        String destinationCell,
        Instant createdAt,
        Long propagatedRevision,
        @Version Long version) {

    public LinkCreated created() {
        return new LinkCreated(id, sourceType, sourceDocumentId, sourceRef, destinationWorkbookId, destinationCell);
    }

    public LinkRemoved removed() {
        return new LinkRemoved(id, destinationWorkbookId, destinationCell);
    }
}
