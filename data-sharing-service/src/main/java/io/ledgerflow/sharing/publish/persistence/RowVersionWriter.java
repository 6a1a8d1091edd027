package io.ledgerflow.sharing.publish.persistence;

import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.RowValues.BadRow;
import io.ledgerflow.sharing.dataset.Schema;
import io.ledgerflow.sharing.dataset.persistence.RowObjects;
import io.ledgerflow.sharing.publish.RowSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a version's rows into {@code dataset_row_version}. The rows are first copied (PostgreSQL
 * COPY, streamed) into a temporary staging table, then applied with a few set-based statements:
 * row versions that the publish ends get {@code valid_to}, changed and new rows get a row version
 * from this version on; unchanged rows are not touched. Must run in the publishing transaction.
 */
@Repository
public class RowVersionWriter {

    /** How many rows of a version each change the publish reports. */
    public record Counts(long inserted, long updated, long deleted) {}

    private static final int FLUSH = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RowVersionWriter.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    RowVersionWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
    }

    /** Copies the source's rows into the staging table (checked as they are read; keys not yet compared). */
    public void stage(RowSource source, Schema schema, boolean full) {
        jdbc.execute("create temp table publish_staging (ordinal bigint not null, row_key text collate \"C\" not null,"
                + " deleted boolean not null, data jsonb) on commit drop");
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy publish_staging (ordinal, row_key, deleted, data) from stdin with (format csv)");
            StringBuilder text = new StringBuilder(FLUSH + 4096);
            try {
                source.read(schema, full, (ordinal, values, delete) -> {
                    text.append(ordinal).append(',');
                    quote(text, schema.key(values));
                    text.append(delete ? ",t," : ",f,");
                    if (!delete) {
                        quote(text, json.writeValueAsString(values));
                    }
                    text.append('\n');
                    if (text.length() >= FLUSH) {
                        write(copy, text);
                    }
                });
                write(copy, text);
                copy.endCopy();
            } catch (RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not copy the rows into staging", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Indexes the staged keys, unique: a key staged twice is a 422 naming the second row with it and the key. The
     * unique index is the check (one sort of the keys instead of an index and a grouping of every staged row); only
     * when it fails, back at a savepoint, a grouping finds the row to name.
     */
    public void refuseDuplicateKeys(RowSource source, String keyColumns) {
        jdbc.execute("savepoint staged_keys");
        try {
            jdbc.execute("create unique index on publish_staging (row_key)");
            jdbc.execute("release savepoint staged_keys");
        } catch (DuplicateKeyException e) {
            jdbc.execute("rollback to savepoint staged_keys");
            jdbc
                    .query(
                            "select row_key, (array_agg(ordinal order by ordinal))[2] as second from publish_staging"
                                    + " group by row_key having count(*) > 1 order by 2 limit 1",
                            (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
                    .stream()
                    .findFirst()
                    .ifPresent(duplicate -> {
                        throw new BadRow(
                                source.where((Long) duplicate[1]),
                                keyColumns,
                                "primary key " + duplicate[0].toString().replace('\u001f', '|') + " appears twice");
                    });
            throw e;
        }
        // The index and statistics on the staged rows keep every later plan a hash or an index join, whatever the
        // planner believes of dataset_row_version (a delta of 10^4 rows took 74 s without them, on a nested loop
        // over the unindexed staging table).
        jdbc.execute("analyze publish_staging");
    }

    /** Full replacement: every current row not staged with the same values ends; staged rows not current begin. */
    public Counts applyFull(UUID dataset, long version) {
        // An ended row whose key is staged again is an update; the rest of the ended rows are deletions.
        Ended ended = end(
                "update dataset_row_version r set valid_to = ? where r.dataset_id = ? and r.valid_to is null"
                        + " and not exists (select 1 from publish_staging s where s.row_key = r.row_key"
                        + " and s.data = r.data) returning exists (select 1 from publish_staging s"
                        + " where s.row_key = r.row_key) as replaced",
                version,
                dataset);
        return insertAndCount(dataset, version, ended);
    }

    /** Delta: current rows staged with other values or to delete end; staged rows not current begin. */
    public Counts applyDelta(UUID dataset, long version) {
        Ended ended = end(
                "update dataset_row_version r set valid_to = ? from publish_staging s where r.dataset_id = ?"
                        + " and r.valid_to is null and s.row_key = r.row_key and (s.deleted or s.data <> r.data)"
                        + " returning not s.deleted as replaced",
                version,
                dataset);
        return insertAndCount(dataset, version, ended);
    }

    /**
     * The rows version {@code version} changed, in key order, in chunks, each chunk as the JSON array of its
     * {@code ChangedRow}s ({@code key} parts, {@code change}, unless deleted {@code values} of every column in
     * {@code columns}' order, null where absent) — built by PostgreSQL, so a publish of 10^6 rows does not parse and
     * write each row again in Java. A chunk closes after {@code chunkRows} rows or once its rows' JSON passes
     * {@code chunkBytes}, whichever comes first; it holds at most twice each (the two counts start new chunks at
     * different rows), so wide rows stay under the log's event size.
     *
     * <p>One pass in key order: the new row versions and the ended ones no new row replaces, each row's JSON by
     * concatenation ({@link RowObjects}), the chunk of each row from running counts over that one order (no sort
     * by chunk, no grouping); the rows of a chunk are joined here as they stream in. A row is {@code updated} when
     * a row version of its key ended at this version — looked up only when the counts leave it open.
     */
    public void changeChunks(
            UUID dataset,
            long version,
            Counts counts,
            int chunkRows,
            int chunkBytes,
            List<Column> columns,
            ChunkConsumer consumer) {
        List<Object> params = new ArrayList<>();
        String key = "to_json(case when %1$s.row_key = '' then array[''] else string_to_array(%1$s.row_key, chr(31))"
                + " end)::text";
        String values = RowObjects.jsonObject("n.data", columns, params);
        String sql = "with c as (select n.row_key, '{\"key\":' || " + key.formatted("n")
                + " || ',\"change\":' || case when ? then '\"inserted\"' when ? then '\"updated\"'"
                + " when exists (select 1 from dataset_row_version o where o.dataset_id = n.dataset_id"
                + " and o.row_key = n.row_key and o.valid_to = n.valid_from) then '\"updated\"' else '\"inserted\"'"
                + " end || ',\"values\":' || " + values + " || '}' as row from dataset_row_version n"
                + " where n.dataset_id = ? and n.valid_from = ?"
                + " union all select o.row_key, '{\"key\":' || " + key.formatted("o")
                + " || ',\"change\":\"deleted\"}' from dataset_row_version o where o.dataset_id = ? and o.valid_to = ?"
                + " and not exists (select 1 from dataset_row_version n where n.dataset_id = o.dataset_id"
                // offset 0 keeps this a probe per ended row on (dataset_id, valid_from, row_key): as an anti join the
                // planner, believing a new version has one row, rescanned all its rows per ended row (10^4 ended rows
                // of a 10^4-row delta: 65 s)
                + " and n.row_key = o.row_key and n.valid_from = o.valid_to offset 0)),"
                // the chunk a row falls in by count and by the bytes before it; a new chunk starts where that changes
                + " sized as (select row_key, row, greatest((row_number() over w - 1) / ?, (sum(octet_length(row))"
                + " over w - octet_length(row)) / ?) as by_both from c window w as (order by row_key)),"
                + " starts as (select row_key, row, case when by_both = lag(by_both) over w then 0 else 1 end as starts"
                + " from sized window w as (order by row_key)),"
                + " chunked as (select row_key, row, sum(starts) over w - 1 as chunk from starts"
                + " window w as (order by row_key))"
                + " select chunk, max(chunk) over () + 1, row from chunked order by row_key";
        List<Object> all = new ArrayList<>();
        all.add(counts.updated() == 0);
        all.add(counts.inserted() == 0);
        all.addAll(params);
        all.addAll(List.of(dataset, version, dataset, version, chunkRows, chunkBytes));
        StringBuilder rows = new StringBuilder();
        int[] current = {-1, 0};
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(1000);
                    for (int i = 0; i < all.size(); i++) {
                        statement.setObject(i + 1, all.get(i));
                    }
                    return statement;
                },
                rs -> {
                    int chunk = rs.getInt(1);
                    if (chunk != current[0]) {
                        if (current[0] >= 0) {
                            consumer.accept(
                                    current[0], current[1], rows.append(']').toString());
                        }
                        current[0] = chunk;
                        current[1] = rs.getInt(2);
                        rows.setLength(0);
                        rows.append('[');
                    } else {
                        rows.append(',');
                    }
                    rows.append(rs.getString(3));
                });
        if (current[0] >= 0) {
            consumer.accept(current[0], current[1], rows.append(']').toString());
        }
    }

    /**
     * Once the publishing transaction has committed, gathers statistics of {@code dataset_row_version} on a
     * connection of its own, before the publish answers. After a large publish the planner's statistics said the
     * table was tiny until autovacuum came round, and the next delta of 1,000 rows walked every current row of the
     * dataset (a merge join: 6-13 s instead of 0.7 s, docs/benchmarks.md). Outside the transaction, so that large
     * publishes of different datasets do not wait for each other's statistics lock.
     */
    public void analyzeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try (Connection connection = dataSource.getConnection();
                        var statement = connection.createStatement()) {
                    statement.execute("analyze dataset_row_version");
                } catch (SQLException e) {
                    log.warn("could not analyze dataset_row_version after a large publish", e);
                }
            }
        });
    }

    /** Receives chunk {@code index} (from 0) of {@code chunks} as the JSON array text of its changed rows. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(int index, int chunks, String rowsJson);
    }

    /** Row versions a publish ended: all of them, and those a staged row replaces (updates). */
    private record Ended(long all, long replaced) {}

    /**
     * Ends row versions by an {@code update … returning <replaced>} and counts them as it goes: a
     * count from the statement itself, because a later self-join of the new and the ended row
     * versions has no statistics yet after a large publish and was planned as a nested loop
     * (36 s for a delta of 10^4 rows on 2×10^5).
     */
    private Ended end(String updateReturningReplaced, Object... params) {
        return jdbc.queryForObject(
                "with ended as (" + updateReturningReplaced + ") select count(*), count(*) filter (where replaced)"
                        + " from ended",
                (rs, n) -> new Ended(rs.getLong(1), rs.getLong(2)),
                params);
    }

    private Counts insertAndCount(UUID dataset, long version, Ended ended) {
        int begun = jdbc.update(
                "insert into dataset_row_version (dataset_id, row_key, valid_from, data)"
                        + " select ?, s.row_key, ?, s.data from publish_staging s where not s.deleted and not exists"
                        + " (select 1 from dataset_row_version r where r.dataset_id = ? and r.row_key = s.row_key"
                        + " and r.valid_to is null)",
                dataset,
                version,
                dataset);
        return new Counts(begun - ended.replaced(), ended.replaced(), ended.all() - ended.replaced());
    }

    private static void quote(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                text.append('"');
            }
            text.append(c);
        }
        text.append('"');
    }

    private static void write(CopyIn copy, StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not copy rows", e));
        }
        text.setLength(0);
    }
}
