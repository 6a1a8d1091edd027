package io.ledgerflow.sharing.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dataset of a workspace: named, typed columns, rows keyed by a primary-key column, and a
 * sequence of immutable versions ({@code latestVersion} is 0 before the first publish).
 */
public record Dataset(
        UUID id,
        String workspace,
        String name,
        List<Column> columns,
        String primaryKey,
        long latestVersion,
        Instant createdAt) {

    /** A column and its type: text, number, boolean or date (ISO yyyy-mm-dd). */
    public record Column(String name, String type) {}
}
