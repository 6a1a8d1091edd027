package io.ledgerflow.calculation.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only log of a workbook's operations (table {@code workbook_revision}). */
@Repository
public class RevisionLog {

    /** One entry of the log, without its operation body. */
    public record Entry(long revision, String kind, String origin, int cellCount, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final OperationCodec codec;

    RevisionLog(JdbcClient jdbc, OperationCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** Appends revision {@code revision}; fails if another writer already appended it. */
    public void append(UUID workbookId, long revision, Operation operation, String origin) {
        jdbc.sql("insert into workbook_revision (workbook_id, revision, kind, operation, origin, cell_count)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(workbookId, revision, operation.kind(), codec.encode(operation), origin, operation.cellCount())
                .update();
    }

    /** The operations of revisions {@code from..to} (inclusive), in order. */
    public List<Operation> operations(UUID workbookId, long from, long to) {
        return jdbc.sql("select kind, operation from workbook_revision"
                        + " where workbook_id = ? and revision between ? and ? order by revision")
                .params(workbookId, from, to)
                .query((rs, n) -> codec.decode(rs.getString("kind"), rs.getString("operation")))
                .list();
    }

    /** Newest first. */
    public List<Entry> entries(UUID workbookId, int offset, int limit) {
        return jdbc.sql("select revision, kind, origin, cell_count, created_at from workbook_revision"
                        + " where workbook_id = ? order by revision desc offset ? limit ?")
                .params(workbookId, offset, limit)
                .query((rs, n) -> new Entry(
                        rs.getLong("revision"),
                        rs.getString("kind"),
                        rs.getString("origin"),
                        rs.getInt("cell_count"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
