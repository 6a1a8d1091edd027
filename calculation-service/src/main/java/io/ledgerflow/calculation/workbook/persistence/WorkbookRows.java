package io.ledgerflow.calculation.workbook.persistence;

import io.ledgerflow.calculation.workbook.Workbook;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The workbook row on every request's path, in plain SQL: read, lock for a change, move to the next revision.
 * {@link WorkbookRepository}'s derived queries built and rendered their SQL on every call and mapped rows through
 * the entity machinery, about 18% of the service's CPU under load (docs/benchmarks.md, issue 13). Same table, same
 * optimistic {@code version} as the repository's {@code save}.
 */
@Repository
public class WorkbookRows {

    private static final String COLUMNS = "id, workspace, name, revision, created_at, deleted_at, date_system, version";

    private final JdbcClient jdbc;

    WorkbookRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The workbook of the workspace, deleted or not. */
    public Optional<Workbook> find(UUID id, String workspace) {
        return jdbc.sql("select " + COLUMNS + " from workbook where id = ? and workspace = ?")
                .params(id, workspace)
                .query(WorkbookRows::workbook)
                .optional();
    }

    /** The workbook of the workspace, its row locked until the transaction ends: one writer at a time. */
    public Optional<Workbook> findForUpdate(UUID id, String workspace) {
        return jdbc.sql("select " + COLUMNS + " from workbook where id = ? and workspace = ? for update")
                .params(id, workspace)
                .query(WorkbookRows::workbook)
                .optional();
    }

    /**
     * Stores {@code changed}'s revision and deletion over the row of {@code changed.version()}.
     *
     * @return the workbook with its next version
     * @throws OptimisticLockingFailureException when the row moved on (or is gone), as the repository's save
     */
    public Workbook update(Workbook changed) {
        int updated = jdbc.sql("update workbook set revision = ?, deleted_at = ?, version = version + 1"
                        + " where id = ? and version = ?")
                .params(
                        changed.revision(),
                        changed.deletedAt() == null
                                ? null
                                : OffsetDateTime.ofInstant(changed.deletedAt(), java.time.ZoneOffset.UTC),
                        changed.id(),
                        changed.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException(
                    "workbook " + changed.id() + " is no longer at version " + changed.version());
        }
        return new Workbook(
                changed.id(),
                changed.workspace(),
                changed.name(),
                changed.revision(),
                changed.createdAt(),
                changed.deletedAt(),
                changed.dateSystem(),
                changed.version() + 1);
    }

    private static Workbook workbook(ResultSet rs, int row) throws SQLException {
        OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
        return new Workbook(
                rs.getObject("id", UUID.class),
                rs.getString("workspace"),
                rs.getString("name"),
                rs.getLong("revision"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                deleted == null ? null : deleted.toInstant(),
                rs.getInt("date_system"),
                rs.getLong("version"));
    }
}
