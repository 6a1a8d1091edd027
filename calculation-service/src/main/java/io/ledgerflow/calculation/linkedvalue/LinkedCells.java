package io.ledgerflow.calculation.linkedvalue;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.LinkMarks;
import io.ledgerflow.calculation.cell.LinkedCell;
import io.ledgerflow.calculation.document.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which cells of a workbook currently hold a value set by a link (table {@code linked_cell}), kept
 * in step with edits: a user's write forgets the link, structural edits move or drop the marks.
 */
@Repository
public class LinkedCells implements LinkMarks {

    private final JdbcClient jdbc;

    LinkedCells(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A destination cell a link's value is written to, and the source cell it reflects. */
    public record Mark(String sheet, int row, int col, String linkId, String sourceRef) {}

    static final String ACTIVE = LinkedCell.ACTIVE;

    /**
     * The positions (in {@code marks}) of the cells that already reflect their link at {@code
     * sourceRevision} or later — one statement for all of them.
     */
    public Set<Integer> newerThere(UUID workbookId, List<Mark> marks, long sourceRevision) {
        if (marks.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select m.i - 1 from unnest(cast(? as text[]), cast(? as int[]),"
                        + " cast(? as int[]), cast(? as text[])) with ordinality as m(sheet, row_index, col_index,"
                        + " link_id, i) join linked_cell c on c.workbook_id = ? and c.sheet = m.sheet"
                        + " and c.row_index = m.row_index and c.col_index = m.col_index and c.link_id = m.link_id"
                        + " and c.source_revision >= ?")
                .params(
                        marks.stream().map(Mark::sheet).toArray(String[]::new),
                        marks.stream().map(Mark::row).toArray(Integer[]::new),
                        marks.stream().map(Mark::col).toArray(Integer[]::new),
                        marks.stream().map(Mark::linkId).toArray(String[]::new),
                        workbookId,
                        sourceRevision)
                .query(Integer.class)
                .list());
    }

    /** Remembers that the cells now hold their links' values of {@code sourceRevision}: one statement. */
    public void rememberAll(
            UUID workbookId, long sourceRevision, long revision, LinkedValues.LinkSource source, List<Mark> marks) {
        jdbc.sql(
                        "insert into linked_cell (workbook_id, sheet, row_index, col_index, link_id, source_revision, revision,"
                                + " source_type, source_document_id, source_workspace, source_ref, linked_at)"
                                + " select ?, m.sheet, m.row_index, m.col_index, m.link_id, ?, ?, ?, ?, ?, m.source_ref, now()"
                                + " from unnest(cast(? as text[]), cast(? as int[]), cast(? as int[]), cast(? as text[]),"
                                + " cast(? as text[])) as m(sheet, row_index, col_index, link_id, source_ref)"
                                + " on conflict (workbook_id, sheet, row_index, col_index) do update set"
                                + " link_id = excluded.link_id, source_revision = excluded.source_revision,"
                                + " revision = excluded.revision, source_type = excluded.source_type,"
                                + " source_document_id = excluded.source_document_id,"
                                + " source_workspace = excluded.source_workspace, source_ref = excluded.source_ref,"
                                + " linked_at = excluded.linked_at")
                .params(
                        workbookId,
                        sourceRevision,
                        revision,
                        source.type(),
                        source.documentId(),
                        source.workspace(),
                        marks.stream().map(Mark::sheet).toArray(String[]::new),
                        marks.stream().map(Mark::row).toArray(Integer[]::new),
                        marks.stream().map(Mark::col).toArray(Integer[]::new),
                        marks.stream().map(Mark::linkId).toArray(String[]::new),
                        marks.stream().map(Mark::sourceRef).toArray(String[]::new))
                .update();
    }

    /** The cells of a block holding a link's value now, with what linking last said of each link. */
    @Override
    public List<LinkedCell> in(UUID workbookId, String sheet, int row1, int col1, int row2, int col2) {
        return jdbc.sql("select c.*, s.status, s.status_reason, s.source_changed_revision, s.held_revision"
                        + " from linked_cell c left join link_state s on s.link_id = c.link_id"
                        + " where c.workbook_id = ? and lower(c.sheet) = lower(?) and c.row_index between ? and ?"
                        + " and c.col_index between ? and ? order by c.row_index, c.col_index")
                .params(workbookId, sheet, row1, row2, col1, col2)
                .query((rs, n) -> new LinkedCell(
                        CellRange.name(rs.getString("sheet"), rs.getInt("row_index"), rs.getInt("col_index")),
                        rs.getString("link_id"),
                        new LinkedCell.Source(
                                rs.getString("source_type"),
                                rs.getObject("source_document_id", UUID.class),
                                rs.getString("source_workspace"),
                                rs.getString("source_ref")),
                        rs.getLong("source_revision"),
                        rs.getTimestamp("linked_at").toInstant(),
                        rs.getString("status") == null ? ACTIVE : rs.getString("status"),
                        rs.getString("status_reason"),
                        rs.getObject("source_changed_revision", Long.class),
                        rs.getObject("held_revision", Long.class)))
                .list();
    }

    /** Records linking's word on a link (the newest wins: held revisions only grow). */
    public void state(
            String linkId,
            UUID workbookId,
            String status,
            String reason,
            boolean sourceDeleted,
            Long sourceChangedRevision,
            Long heldRevision) {
        jdbc.sql("insert into link_state (link_id, workbook_id, status, status_reason, source_deleted,"
                        + " source_changed_revision, held_revision) values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (link_id) do update set status = excluded.status,"
                        + " status_reason = excluded.status_reason, source_deleted = excluded.source_deleted,"
                        + " source_changed_revision = greatest(link_state.source_changed_revision,"
                        + " excluded.source_changed_revision),"
                        + " held_revision = greatest(link_state.held_revision, excluded.held_revision),"
                        + " updated_at = now()")
                .params(linkId, workbookId, status, reason, sourceDeleted, sourceChangedRevision, heldRevision)
                .update();
    }

    /** Writes from inside the workbook replace what links put there: one statement per edit. */
    @Override
    public void forget(UUID workbookId, List<Operation.CellEdit> cells) {
        jdbc.sql("delete from linked_cell where workbook_id = ? and (sheet, row_index, col_index) in"
                        + " (select * from unnest(cast(? as text[]), cast(? as int[]), cast(? as int[])))")
                .params(
                        workbookId,
                        cells.stream().map(Operation.CellEdit::sheet).toArray(String[]::new),
                        cells.stream().map(Operation.CellEdit::row).toArray(Integer[]::new),
                        cells.stream().map(Operation.CellEdit::col).toArray(Integer[]::new))
                .update();
    }

    /** Moves or drops the marks as the structural operation moves or drops cells. */
    public void follow(UUID workbookId, Operation operation) {
        switch (operation) {
            case Operation.Restructure r -> {
                boolean rows = r.what() == Operation.Restructure.Kind.INSERT_ROWS
                        || r.what() == Operation.Restructure.Kind.DELETE_ROWS;
                boolean insert = r.what() == Operation.Restructure.Kind.INSERT_ROWS
                        || r.what() == Operation.Restructure.Kind.INSERT_COLUMNS;
                String axis = rows ? "row_index" : "col_index";
                if (!insert) {
                    jdbc.sql("delete from linked_cell where workbook_id = ? and sheet = ? and " + axis + " >= ? and "
                                    + axis + " < ?")
                            .params(workbookId, r.sheet(), r.at(), r.at() + r.count())
                            .update();
                }
                shift(workbookId, r.sheet(), axis, r.at(), insert ? r.count() : -r.count());
            }
            case Operation.RenameSheet rename ->
                jdbc.sql("update linked_cell set sheet = ? where workbook_id = ? and sheet = ?")
                        .params(rename.to(), workbookId, rename.from())
                        .update();
            case Operation.RemoveSheet remove ->
                jdbc.sql("delete from linked_cell where workbook_id = ? and sheet = ?")
                        .params(workbookId, remove.name())
                        .update();
            case Operation.MoveRange move -> {
                int dr = move.toRow() - move.row1();
                int dc = move.toCol() - move.col1();
                // Cells under the pasted block are overwritten; the moved marks go with their cells.
                jdbc.sql("delete from linked_cell where workbook_id = ? and sheet = ? and row_index between ? and ?"
                                + " and col_index between ? and ? and not (sheet = ? and row_index between ? and ?"
                                + " and col_index between ? and ?)")
                        .params(
                                workbookId,
                                move.toSheet(),
                                move.row1() + dr,
                                move.row2() + dr,
                                move.col1() + dc,
                                move.col2() + dc,
                                move.fromSheet(),
                                move.row1(),
                                move.row2(),
                                move.col1(),
                                move.col2())
                        .update();
                jdbc.sql("update linked_cell set sheet = ?, row_index = -(row_index + ?) - 1,"
                                + " col_index = -(col_index + ?) - 1 where workbook_id = ? and sheet = ?"
                                + " and row_index between ? and ? and col_index between ? and ?")
                        .params(
                                move.toSheet(),
                                dr,
                                dc,
                                workbookId,
                                move.fromSheet(),
                                move.row1(),
                                move.row2(),
                                move.col1(),
                                move.col2())
                        .update();
                jdbc.sql("update linked_cell set row_index = -row_index - 1, col_index = -col_index - 1"
                                + " where workbook_id = ? and row_index < 0")
                        .param(workbookId)
                        .update();
            }
            default -> {}
        }
    }

    /** Shifts marks at or past {@code from} by {@code delta}, in two steps so keys never collide. */
    private void shift(UUID workbookId, String sheet, String axis, int from, int delta) {
        jdbc.sql("update linked_cell set " + axis + " = -(" + axis + " + ?) - 1 where workbook_id = ? and sheet = ?"
                        + " and " + axis + " >= ?")
                .params(delta, workbookId, sheet, from)
                .update();
        jdbc.sql("update linked_cell set " + axis + " = -" + axis + " - 1 where workbook_id = ? and " + axis + " < 0")
                .param(workbookId)
                .update();
    }
}
