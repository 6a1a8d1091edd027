package io.ledgerflow.sharing.dataset.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The immutable versions of datasets and their rows (tables {@code dataset_version} and
 * {@code dataset_row}): append-only, written in JDBC batches because a version can hold many rows.
 */
@Repository
public class DatasetRows {

    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    DatasetRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Appends version {@code version} with its rows, each keyed by its primary-key value, in order. */
    public void append(UUID id, long version, Map<String, Map<String, Object>> rows, Instant at) {
        jdbc.sql("insert into dataset_version (dataset_id, version, row_count, published_at) values (?, ?, ?, ?)")
                .params(id, version, rows.size(), Timestamp.from(at))
                .update();
        List<Object[]> batch = new ArrayList<>(Math.min(rows.size(), BATCH));
        int ordinal = 0;
        for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
            batch.add(new Object[] {id, version, ordinal++, row.getKey(), json.writeValueAsString(row.getValue())});
            if (batch.size() == BATCH) {
                insert(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            insert(batch);
        }
    }

    /** The rows of one version, in the order they were published. */
    public List<Map<String, Object>> rows(UUID id, long version) {
        return jdbc.sql("select data from dataset_row where dataset_id = ? and version = ? order by ordinal")
                .params(id, version)
                .query((rs, n) -> json.readValue(rs.getString("data"), ROW))
                .list();
    }

    private void insert(List<Object[]> batch) {
        template.batchUpdate(
                "insert into dataset_row (dataset_id, version, ordinal, row_key, data) values (?, ?, ?, ?, ?)", batch);
    }
}
