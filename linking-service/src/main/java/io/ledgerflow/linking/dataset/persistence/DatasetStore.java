package io.ledgerflow.linking.dataset.persistence;

import io.ledgerflow.linking.dataset.Grant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What linking keeps of data-sharing's datasets, learnt only from its events: the latest values
 * of each row ({@code dataset_row}) and the grants ({@code dataset_grant}).
 */
@Repository
public class DatasetStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Grant.Condition>> CONDITIONS = new TypeReference<>() {};

    /** A row's latest values (null when deleted) and the version that set them. */
    public record Row(List<String> key, Map<String, Object> values, long version, boolean deleted) {}

    private final JdbcClient jdbc;

    DatasetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String key(List<String> key) {
        return JSON.writeValueAsString(key);
    }

    /** Stores a row change unless a newer version of the row is already there. */
    public boolean rowChanged(UUID datasetId, List<String> key, Map<String, Object> values, long version) {
        return jdbc.sql("insert into dataset_row (dataset_id, row_key, vals, version, deleted)"
                                + " values (?, ?, cast(? as jsonb), ?, ?) on conflict (dataset_id, row_key) do update"
                                + " set vals = excluded.vals, version = excluded.version, deleted = excluded.deleted"
                                + " where dataset_row.version <= excluded.version")
                        .params(
                                datasetId,
                                key(key),
                                values == null ? null : JSON.writeValueAsString(values),
                                version,
                                values == null)
                        .update()
                > 0;
    }

    /** Forgets every row and grant, before a rebuild from the log (the intake's ReadModelRebuild). */
    public void forgetAll() {
        jdbc.sql("delete from dataset_row").update();
        jdbc.sql("delete from dataset_grant").update();
    }

    public Optional<Row> row(UUID datasetId, List<String> key) {
        return jdbc.sql("select vals, version, deleted from dataset_row where dataset_id = ? and row_key = ?")
                .params(datasetId, key(key))
                .query((rs, n) -> {
                    String vals = rs.getString("vals");
                    return new Row(
                            key,
                            vals == null ? null : JSON.readValue(vals, ROW),
                            rs.getLong("version"),
                            rs.getBoolean("deleted"));
                })
                .optional();
    }

    public Map<List<String>, Row> rows(UUID datasetId, List<List<String>> keys) {
        Map<List<String>, Row> rows = new HashMap<>();
        for (List<String> key : keys) {
            row(datasetId, key).ifPresent(row -> rows.put(key, row));
        }
        return rows;
    }

    public void granted(Grant grant, Instant at) {
        jdbc.sql("insert into dataset_grant (grant_id, dataset_id, owner_workspace, grantee, columns, row_filter,"
                        + " revoked, updated_at) values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), false, ?)"
                        + " on conflict (grant_id) do nothing")
                .params(
                        grant.grantId(),
                        grant.datasetId(),
                        grant.ownerWorkspace(),
                        grant.grantee(),
                        grant.columns() == null ? null : JSON.writeValueAsString(grant.columns()),
                        grant.rowFilter() == null ? null : JSON.writeValueAsString(grant.rowFilter()),
                        Timestamp.from(at))
                .update();
    }

    /** Ends a grant; a revocation that overtakes its grant leaves a revoked placeholder. */
    public void revoked(UUID grantId, UUID datasetId, String owner, String grantee, Instant at) {
        jdbc.sql("insert into dataset_grant (grant_id, dataset_id, owner_workspace, grantee, revoked, updated_at)"
                        + " values (?, ?, ?, ?, true, ?) on conflict (grant_id) do update set revoked = true,"
                        + " updated_at = excluded.updated_at")
                .params(grantId, datasetId, owner, grantee, Timestamp.from(at))
                .update();
    }

    public Optional<Grant> grant(UUID grantId) {
        return jdbc.sql("select * from dataset_grant where grant_id = ?")
                .param(grantId)
                .query(DatasetStore::grantRow)
                .optional();
    }

    /** The newest live grant of the dataset to {@code grantee}. */
    public Optional<Grant> liveGrant(UUID datasetId, String grantee) {
        return jdbc.sql("select * from dataset_grant where dataset_id = ? and grantee = ? and not revoked"
                        + " order by updated_at desc limit 1")
                .params(datasetId, grantee)
                .query(DatasetStore::grantRow)
                .optional();
    }

    private static Grant grantRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String columns = rs.getString("columns");
        String filter = rs.getString("row_filter");
        return new Grant(
                rs.getObject("grant_id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                rs.getString("owner_workspace"),
                rs.getString("grantee"),
                columns == null ? null : JSON.readValue(columns, STRINGS),
                filter == null ? null : JSON.readValue(filter, CONDITIONS),
                rs.getBoolean("revoked"));
    }
}
