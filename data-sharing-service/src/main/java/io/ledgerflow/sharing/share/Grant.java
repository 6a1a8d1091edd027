package io.ledgerflow.sharing.share;

import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.read.Slice;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A grant of read access to a dataset for another workspace: all columns ({@code columns} null)
 * or a subset, and the rows matching every {@code rowFilter} condition. Never changed but for its
 * revocation ({@code revokedBy}, {@code revokedAt}), recorded once; grants are a history.
 */
public record Grant(
        UUID id,
        UUID datasetId,
        String workspace,
        String grantee,
        List<String> columns,
        List<Condition> rowFilter,
        String grantedBy,
        Instant grantedAt,
        String revokedBy,
        Instant revokedAt) {

    public Grant {
        columns = columns == null ? null : List.copyOf(columns);
        rowFilter = List.copyOf(rowFilter);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public Slice slice() {
        return new Slice(columns, rowFilter);
    }

    public Grant revoked(String by, Instant at) {
        return new Grant(id, datasetId, workspace, grantee, columns, rowFilter, grantedBy, grantedAt, by, at);
    }
}
