package io.ledgerflow.sharing.read.persistence;

import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.Schema;
import io.ledgerflow.sharing.dataset.persistence.RowObjects;
import io.ledgerflow.sharing.read.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code dataset_row_version} by index, never by replaying versions: the rows of version n
 * are the row versions with {@code valid_from <= n < valid_to} (or no {@code valid_to}), walked
 * in key order on the primary key (the latest version on the partial index of open row
 * versions); the changes between two versions are the row versions that began or ended between
 * them (indexes on {@code valid_from} and {@code valid_to}).
 */
@Repository
public class RowVersionReader {

    /** A stored row: its key and values. */
    public record StoredRow(String key, Map<String, Object> values) {}

    /** A row of a page: its key (for the cursor) and the JSON object of the asked columns. */
    public record PageRow(String key, String json) {}

    /** A key that changed between two versions, with its values before and after (null: absent). */
    public record StoredChange(String key, Map<String, Object> before, Map<String, Object> after) {}

    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    RowVersionReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} rows of version {@code version} after key {@code after} (null: from the
     * first) that satisfy every condition, in key order, each as the JSON object of
     * {@code columns} (in their order, null where the row has no value) built by PostgreSQL.
     * {@code latestIfStill}: by the partial index of open row versions, and no rows at all unless
     * {@code version} is the dataset's latest when the statement runs (then read again without it).
     */
    public List<PageRow> page(
            UUID dataset,
            long version,
            boolean latestIfStill,
            String after,
            int limit,
            Schema schema,
            List<Condition> where,
            List<Column> columns) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select row_key, ")
                .append(RowObjects.jsonObject("data", columns, params))
                .append("::text from dataset_row_version where dataset_id = ?");
        params.add(dataset);
        if (latestIfStill) {
            // the open row versions are version n's only while n is the dataset's latest in this statement's snapshot
            sql.append(" and valid_to is null and exists (select 1 from dataset where id = ? and latest_version = ?)");
            params.add(dataset);
            params.add(version);
        } else {
            sql.append(" and valid_from <= ? and (valid_to is null or valid_to > ?)");
            params.add(version);
            params.add(version);
        }
        if (after != null) {
            sql.append(" and row_key > ?");
            params.add(after);
        }
        for (Condition condition : where) {
            if (schema.column(condition.column()) == null) {
                return List.of(); // a grant's condition on a column this version does not have
            }
            sql.append(" and ").append(conditionSql(schema.column(condition.column()), condition));
            params.add(condition.column());
            params.add(condition.value());
        }
        sql.append(" order by row_key limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new PageRow(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** The row with this key in version {@code version}, if it has one. */
    public StoredRow row(UUID dataset, long version, String key) {
        return jdbc.sql("select row_key, data from dataset_row_version where dataset_id = ? and row_key = ?"
                        + " and valid_from <= ? and (valid_to is null or valid_to > ?)")
                .params(dataset, key, version, version)
                .query((rs, n) -> new StoredRow(rs.getString(1), json.readValue(rs.getString(2), ROW)))
                .optional()
                .orElse(null);
    }

    /**
     * Up to {@code limit} keys after {@code after} whose row version began or ended in
     * {@code (from, to]}, in key order, with their values in version {@code from} and in
     * {@code to}; a key that changed and changed back has equal before and after.
     */
    public List<StoredChange> changes(UUID dataset, long from, long to, String after, int limit) {
        String afterKey = after == null ? "" : " and row_key > ?";
        String sql = "with changed as ("
                + "(select distinct row_key from dataset_row_version where dataset_id = ? and valid_from > ? and valid_from <= ?"
                + afterKey + " order by row_key limit ?) union "
                + "(select distinct row_key from dataset_row_version where dataset_id = ? and valid_to > ? and valid_to <= ?"
                + afterKey + " order by row_key limit ?) order by row_key limit ?) "
                + "select c.row_key, b.data as before, a.data as after from changed c "
                + "left join dataset_row_version b on b.dataset_id = ? and b.row_key = c.row_key"
                + " and b.valid_from <= ? and (b.valid_to is null or b.valid_to > ?) "
                + "left join dataset_row_version a on a.dataset_id = ? and a.row_key = c.row_key"
                + " and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?) order by c.row_key";
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            params.addAll(List.of(dataset, from, to));
            if (after != null) {
                params.add(after);
            }
            params.add(limit);
        }
        params.add(limit);
        params.addAll(List.of(dataset, from, from, dataset, to, to));
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new StoredChange(rs.getString(1), read(rs.getString(2)), read(rs.getString(3))))
                .list();
    }

    private Map<String, Object> read(String data) {
        return data == null ? null : json.readValue(data, ROW);
    }

    /** A condition as SQL on the row's JSON, typed by its column (two parameters: name, value). */
    private static String conditionSql(Column column, Condition condition) {
        return switch (column.type()) {
            case "number", "decimal" -> "(data ->> ?)::numeric " + condition.sqlOperator() + " ?";
            case "boolean" -> "(data ->> ?)::boolean " + condition.sqlOperator() + " ?";
            default -> "(data ->> ?) collate \"C\" " + condition.sqlOperator() + " ?";
        };
    }
}
