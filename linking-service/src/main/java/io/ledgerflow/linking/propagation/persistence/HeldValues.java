package io.ledgerflow.linking.propagation.persistence;

import io.ledgerflow.linking.reference.Area;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Values manual links hold until published (table {@code link_pending}): the newest per cell. */
@Repository
public class HeldValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One held destination cell value and the source revision it was taken at. */
    public record Held(Area cell, Object value, long sourceRevision) {}

    private final JdbcClient jdbc;

    HeldValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void hold(UUID linkId, Area cell, Object value, long sourceRevision) {
        jdbc.sql("insert into link_pending (link_id, sheet, row_index, col_index, value, source_revision)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), ?) on conflict (link_id, sheet, row_index, col_index)"
                        + " do update set value = excluded.value, source_revision = excluded.source_revision"
                        + " where link_pending.source_revision <= excluded.source_revision")
                .params(linkId, cell.sheet(), cell.row1(), cell.col1(), JSON.writeValueAsString(value), sourceRevision)
                .update();
    }

    /** Takes (reads and deletes) what the link holds. */
    public List<Held> take(UUID linkId) {
        return jdbc.sql("delete from link_pending where link_id = ? returning *")
                .param(linkId)
                .query((rs, n) -> new Held(
                        Area.cell(rs.getString("sheet"), rs.getInt("row_index"), rs.getInt("col_index")),
                        JSON.readValue(rs.getString("value"), Object.class),
                        rs.getLong("source_revision")))
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
