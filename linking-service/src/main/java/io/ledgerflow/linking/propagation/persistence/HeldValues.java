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

    /** One destination cell's value for {@link #holdAll}. */
    public record ToHold(UUID linkId, Area cell, Object value, String error) {}

    /**
     * Holds the newest value per cell, for every cell given in one statement (a change reaching
     * 10⁴ manual links is one round trip); an error is kept as {@code {"error": …}} (values are
     * never objects).
     */
    public void holdAll(List<ToHold> cells, long sourceRevision) {
        if (cells.isEmpty()) {
            return;
        }
        int n = cells.size();
        UUID[] links = new UUID[n];
        String[] sheets = new String[n];
        Integer[] rows = new Integer[n];
        Integer[] cols = new Integer[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            ToHold cell = cells.get(i);
            links[i] = cell.linkId();
            sheets[i] = cell.cell().sheet();
            rows[i] = cell.cell().row1();
            cols[i] = cell.cell().col1();
            values[i] = JSON.writeValueAsString(cell.error() == null ? cell.value() : Map.of(ERROR, cell.error()));
        }
        jdbc.sql("insert into link_pending (link_id, sheet, row_index, col_index, value, source_revision)"
                        + " select l, s, r, c, cast(v as jsonb), ? from unnest(?, ?, ?, ?, ?) as t(l, s, r, c, v)"
                        + " on conflict (link_id, sheet, row_index, col_index)"
                        + " do update set value = excluded.value, source_revision = excluded.source_revision"
                        + " where link_pending.source_revision <= excluded.source_revision")
                .params(sourceRevision, links, sheets, rows, cols, values)
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
