package io.ledgerflow.sharing.publish;

import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.sharing.dataset.Column;
import java.util.List;

/**
 * How a version is published: {@code full} (the rows are the whole new version; rows left out are
 * deleted) or {@code delta} (rows are upserted whole, listed keys deleted), optionally with a new
 * schema ({@code columns}; null keeps the current one).
 */
public record Publication(String kind, List<Column> columns, boolean allowBreakingSchemaChange) {

    public Publication {
        kind = kind == null ? "full" : kind;
        if (!kind.equals("full") && !kind.equals("delta")) {
            throw new InvalidInputException("kind", "kind is full or delta, not " + kind);
        }
    }

    public boolean full() {
        return kind.equals("full");
    }
}
