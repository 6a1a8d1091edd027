package io.ledgerflow.sharing.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A dataset of a workspace: a name, typed columns, a primary key of one or more columns and a
 * sequence of immutable versions ({@code latestVersion} is 0 before the first publish). The
 * columns are those of the latest version; each version keeps its own (schema evolution).
 */
public record Dataset(
        UUID id,
        String workspace,
        String name,
        List<Column> columns,
        List<String> primaryKey,
        long latestVersion,
        Instant createdAt) {

    public Dataset {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Schema schema() {
        return new Schema(columns, primaryKey);
    }
}
