package io.ledgerflow.linking.propagation.persistence;

import io.ledgerflow.linking.reference.Area;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Values manual links hold until published (table {@code link_pending}): the newest per cell. */
@Repository
public class HeldValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ERROR = "error";

    /**
     * One held destination cell value (or carried {@code error}, value null) and the source
     * revision it was taken at.
     */
    public record Held(Area cell, Object value, String error, long sourceRevision) {}

    private final JdbcClient jdbc;

    HeldValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the newest value per cell; an error is kept as {@code {"error": …}} (values are never objects). */
    public void hold(UUID linkId, Area cell, Object value, String error, long sourceRevision) {
        Object stored = error == null ? value : Map.of(ERROR, error);
        jdbc.sql("insert into link_pending (link_id, sheet, row_index, col_index, value, source_revision)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), ?) on conflict (link_id, sheet, row_index, col_index)"
                        + " do update set value = excluded.value, source_revision = excluded.source_revision"
                        + " where link_pending.source_revision <= excluded.source_revision")
                .params(linkId, cell.sheet(), cell.row1(), cell.col1(), JSON.writeValueAsString(stored), sourceRevision)
                .update();
    }

    /** Takes (reads and deletes) what the link holds. */
    public List<Held> take(UUID linkId) {
        return jdbc.sql("delete from link_pending where link_id = ? returning *")
                .param(linkId)
                .query((rs, n) -> {
                    Object value = JSON.readValue(rs.getString("value"), Object.class);
                    String error = value instanceof Map<?, ?> map ? String.valueOf(map.get(ERROR)) : null;
                    return new Held(
                            Area.cell(rs.getString("sheet"), rs.getInt("row_index"), rs.getInt("col_index")),
                            error == null ? value : null,
                            error,
                            rs.getLong("source_revision"));
                })
                .list();
    }

    /** The links with held values: all of the workspace's, or those from or into one document. */
    public List<UUID> pendingLinks(String workspace, UUID document) {
        return jdbc.sql("select distinct p.link_id from link_pending p join link l on l.id = p.link_id"
                        + " where l.workspace = ? and (cast(? as uuid) is null or l.source_document_id = ?"
                        + " or l.destination_workbook_id = ?) order by p.link_id")
                .params(workspace, document, document, document)
                .query(UUID.class)
                .list();
    }
}
