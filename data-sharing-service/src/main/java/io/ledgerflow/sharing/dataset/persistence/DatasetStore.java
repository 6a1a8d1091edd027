package io.ledgerflow.sharing.dataset.persistence;

import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.DatasetVersion;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Datasets and their versions (tables {@code dataset}, {@code dataset_column} with the latest
 * schema, {@code dataset_version} with each version's own).
 */
@Repository
public class DatasetStore {

    private static final TypeReference<List<Column>> COLUMNS = new TypeReference<>() {};
    private static final String SELECT = "select d.id, d.workspace, d.name, d.key_columns, d.latest_version,"
            + " d.created_at, (select jsonb_agg(jsonb_build_object('name', c.name, 'type', c.type, 'scale', c.scale)"
            + " order by c.ordinal) from dataset_column c where c.dataset_id = d.id) as columns from dataset d ";
    private static final String VERSION = "select dataset_id, version, kind, row_count, inserted, updated, deleted,"
            + " columns, published_at from dataset_version ";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    DatasetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Dataset dataset) {
        jdbc.sql("insert into dataset (id, workspace, name, key_columns, latest_version, created_at, version)"
                        + " values (?, ?, ?, ?, 0, ?, 0)")
                .params(
                        dataset.id(),
                        dataset.workspace(),
                        dataset.name(),
                        dataset.primaryKey().toArray(String[]::new),
                        Timestamp.from(dataset.createdAt()))
                .update();
        insertColumns(dataset.id(), dataset.columns());
    }

    public Optional<Dataset> find(UUID id, String workspace) {
        return jdbc.sql(SELECT + "where d.id = ? and d.workspace = ? and d.deleted_at is null")
                .params(id, workspace)
                .query(this::dataset)
                .optional();
    }

    /** Any workspace's dataset; only for reads a grant allows. */
    public Optional<Dataset> find(UUID id) {
        return jdbc.sql(SELECT + "where d.id = ? and d.deleted_at is null")
                .params(id)
                .query(this::dataset)
                .optional();
    }

    /** Locks the dataset's row until the transaction ends: one publisher at a time, gapless versions. */
    public Optional<Dataset> lock(UUID id, String workspace) {
        boolean locked = jdbc.sql(
                        "select id from dataset where id = ? and workspace = ? and deleted_at is null for update")
                .params(id, workspace)
                .query(UUID.class)
                .optional()
                .isPresent();
        return locked ? find(id, workspace) : Optional.empty();
    }

    public List<Dataset> list(String workspace, int page, int size) {
        return jdbc.sql(SELECT
                        + "where d.workspace = ? and d.deleted_at is null order by d.created_at, d.id limit ? offset ?")
                .params(workspace, size, (long) page * size)
                .query(this::dataset)
                .list();
    }

    public long count(String workspace) {
        return jdbc.sql("select count(*) from dataset where workspace = ? and deleted_at is null")
                .param(workspace)
                .query(Long.class)
                .single();
    }

    /** Marks the dataset deleted: from now on nothing finds it. */
    public void markDeleted(UUID id, Instant at) {
        jdbc.sql("update dataset set deleted_at = ? where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /** Records a published version and makes it (and its schema) the dataset's latest. */
    public void addVersion(Dataset dataset, DatasetVersion version) {
        jdbc.sql("insert into dataset_version (dataset_id, version, kind, row_count, inserted, updated, deleted,"
                        + " columns, published_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")
                .params(
                        version.datasetId(),
                        version.version(),
                        version.kind(),
                        version.rowCount(),
                        version.inserted(),
                        version.updated(),
                        version.deleted(),
                        json.writeValueAsString(version.columns()),
                        Timestamp.from(version.publishedAt()))
                .update();
        jdbc.sql("update dataset set latest_version = ?, version = version + 1 where id = ?")
                .params(version.version(), dataset.id())
                .update();
        if (!dataset.columns().equals(version.columns())) {
            jdbc.sql("delete from dataset_column where dataset_id = ?")
                    .param(dataset.id())
                    .update();
            insertColumns(dataset.id(), version.columns());
        }
    }

    public Optional<DatasetVersion> version(UUID id, long version) {
        return jdbc.sql(VERSION + "where dataset_id = ? and version = ?")
                .params(id, version)
                .query(this::version)
                .optional();
    }

    /** The last version published at or before {@code at} (index {@code dataset_version_by_time}). */
    public Optional<DatasetVersion> versionAt(UUID id, Instant at) {
        return jdbc.sql(VERSION + "where dataset_id = ? and published_at <= ? order by published_at desc, version desc"
                        + " limit 1")
                .params(id, Timestamp.from(at))
                .query(this::version)
                .optional();
    }

    private void insertColumns(UUID id, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            jdbc.sql("insert into dataset_column (dataset_id, ordinal, name, type, scale) values (?, ?, ?, ?, ?)")
                    .params(id, i, column.name(), column.type(), column.scale())
                    .update();
        }
    }

    private Dataset dataset(ResultSet rs, int row) throws SQLException {
        Array key = rs.getArray("key_columns");
        return new Dataset(
                rs.getObject("id", UUID.class),
                rs.getString("workspace"),
                rs.getString("name"),
                json.readValue(rs.getString("columns"), COLUMNS),
                Arrays.asList((String[]) key.getArray()),
                rs.getLong("latest_version"),
                rs.getTimestamp("created_at").toInstant());
    }

    private DatasetVersion version(ResultSet rs, int row) throws SQLException {
        return new DatasetVersion(
                rs.getObject("dataset_id", UUID.class),
                rs.getLong("version"),
                rs.getString("kind"),
                rs.getLong("row_count"),
                rs.getLong("inserted"),
                rs.getLong("updated"),
                rs.getLong("deleted"),
                json.readValue(rs.getString("columns"), COLUMNS),
                rs.getTimestamp("published_at").toInstant());
    }
}
