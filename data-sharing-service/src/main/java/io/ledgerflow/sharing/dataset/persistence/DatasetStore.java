package io.ledgerflow.sharing.dataset.persistence;

import io.ledgerflow.sharing.dataset.Dataset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Datasets and their versions (tables {@code dataset}, {@code dataset_version}, {@code dataset_row}). */
@Repository
public class DatasetStore {

    private static final TypeReference<List<Dataset.Column>> COLUMNS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    DatasetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Dataset dataset) {
        jdbc.sql("insert into dataset (id, workspace, name, columns, primary_key, latest_version, created_at, version)"
                        + " values (?, ?, ?, ?, ?, 0, ?, 0)")
                .params(
                        dataset.id(),
                        dataset.workspace(),
                        dataset.name(),
                        json.writeValueAsString(dataset.columns()),
                        dataset.primaryKey(),
                        Timestamp.from(dataset.createdAt()))
                .update();
    }

    public Optional<Dataset> find(String workspace, UUID id) {
        return jdbc.sql("select * from dataset where workspace = ? and id = ?")
                .params(workspace, id)
                .query(this::dataset)
                .optional();
    }

    /** The dataset with its row locked, so versions are numbered one publisher at a time. */
    public Optional<Dataset> lock(String workspace, UUID id) {
        return jdbc.sql("select * from dataset where workspace = ? and id = ? for update")
                .params(workspace, id)
                .query(this::dataset)
                .optional();
    }

    public List<Dataset> list(String workspace, int offset, int limit) {
        return jdbc.sql("select * from dataset where workspace = ? order by created_at, id offset ? limit ?")
                .params(workspace, offset, limit)
                .query(this::dataset)
                .list();
    }

    /** Appends version {@code version} with its rows (each keyed by its primary-key value). */
    public void publish(UUID id, long version, Map<String, Map<String, Object>> rows, Instant at) {
        jdbc.sql("insert into dataset_version (dataset_id, version, row_count, published_at) values (?, ?, ?, ?)")
                .params(id, version, rows.size(), Timestamp.from(at))
                .update();
        for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
            jdbc.sql("insert into dataset_row (dataset_id, version, row_key, data) values (?, ?, ?, ?)")
                    .params(id, version, row.getKey(), json.writeValueAsString(row.getValue()))
                    .update();
        }
        jdbc.sql("update dataset set latest_version = ?, version = version + 1 where id = ?")
                .params(version, id)
                .update();
    }

    public List<Map<String, Object>> rows(UUID id, long version) {
        return jdbc.sql("select data from dataset_row where dataset_id = ? and version = ? order by row_key")
                .params(id, version)
                .query((rs, n) -> json.readValue(rs.getString("data"), ROW))
                .list();
    }

    private Dataset dataset(ResultSet rs, int n) throws SQLException {
        return new Dataset(
                rs.getObject("id", UUID.class),
                rs.getString("workspace"),
                rs.getString("name"),
                json.readValue(rs.getString("columns"), COLUMNS),
                rs.getString("primary_key"),
                rs.getLong("latest_version"),
                rs.getTimestamp("created_at").toInstant());
    }
}
