package io.ledgerflow.sharing.share;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.sharing.read.Condition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Grant events, keyed by the dataset id (contracts {@code DatasetShared.v1}, {@code DatasetShareRevoked.v1}). */
public final class ShareEvents {

    private ShareEvents() {}

    /** {@code grantee} may read the dataset: all columns when {@code columns} is absent, rows matching every condition. */
    public record DatasetShared(
            UUID datasetId,
            String workspace,
            UUID grantId,
            String grantee,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> columns,
            List<Condition> rowFilter,
            String grantedBy,
            Instant grantedAt)
            implements DomainEvent {

        static DatasetShared of(Grant grant) {
            return new DatasetShared(
                    grant.datasetId(),
                    grant.workspace(),
                    grant.id(),
                    grant.grantee(),
                    grant.columns(),
                    grant.rowFilter(),
                    grant.grantedBy(),
                    grant.grantedAt());
        }
    }

    /** Grant {@code grantId} ended: reads and link propagation stop at once. */
    public record DatasetShareRevoked(
            UUID datasetId, String workspace, UUID grantId, String grantee, String revokedBy, Instant revokedAt)
            implements DomainEvent {

        static DatasetShareRevoked of(Grant grant) {
            return new DatasetShareRevoked(
                    grant.datasetId(),
                    grant.workspace(),
                    grant.id(),
                    grant.grantee(),
                    grant.revokedBy(),
                    grant.revokedAt());
        }
    }
}
