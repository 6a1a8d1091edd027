package io.ledgerflow.sharing.dataset;

import io.ledgerflow.sharing.dataset.DatasetEvents.DatasetCreated;
import io.ledgerflow.sharing.dataset.DatasetEvents.DatasetVersionPublished;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A dataset of a workspace: named, typed columns, rows keyed by a primary-key column, and a
 * sequence of immutable versions ({@code latestVersion} is 0 before the first publish). The rows
 * of each version are stored apart from the aggregate (they can be many), never updated.
 *
 * @param version optimistic-lock version managed by Spring Data JDBC; null until first saved
 */
@Table("dataset")
public record Dataset(
        @Id UUID id,
        String workspace,
        String name,

        @MappedCollection(idColumn = "dataset_id", keyColumn = "ordinal")
        List<Column> columns,

        String primaryKey,
        long latestVersion,
        Instant createdAt,
        @Version Long version) {

    /** A column and its type: text, number, boolean or date (ISO yyyy-mm-dd). */
    @Table("dataset_column")
    public record Column(String name, String type) {}

    public Dataset {
        columns = List.copyOf(columns);
    }

    public static Dataset create(String workspace, String name, List<Column> columns, String primaryKey, Instant now) {
        return new Dataset(UUID.randomUUID(), workspace, name, columns, primaryKey, 0, now, null);
    }

    public DatasetCreated created() {
        return new DatasetCreated(id, name, columns, primaryKey);
    }

    /** The dataset after one more published version. */
    public Dataset nextVersion() {
        return new Dataset(id, workspace, name, columns, primaryKey, latestVersion + 1, createdAt, version);
    }

    public DatasetVersionPublished published(int rowCount) {
        return new DatasetVersionPublished(id, name, latestVersion, rowCount, columns);
    }

    public boolean hasColumn(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }
}
