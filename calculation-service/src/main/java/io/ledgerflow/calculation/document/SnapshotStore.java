package io.ledgerflow.calculation.document;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Snapshots of workbook contents (table {@code workbook_snapshot}). */
@Repository
public class SnapshotStore {

    public record Snapshot(long revision, Operation.Create contents) {}

    private static final TypeReference<Map<String, List<List<Object>>>> SHEETS = new TypeReference<>() {};
    private static final TypeReference<List<DefinedName>> NAMES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest snapshot at or before {@code revision}. */
    public Optional<Snapshot> latest(UUID workbookId, long revision) {
        return jdbc.sql("select revision, contents, names, date_system from workbook_snapshot"
                        + " where workbook_id = ? and revision <= ? order by revision desc limit 1")
                .params(workbookId, revision)
                .query((rs, n) -> {
                    String names = rs.getString("names");
                    return new Snapshot(
                            rs.getLong("revision"),
                            new Operation.Create(
                                    json.readValue(rs.getString("contents"), SHEETS),
                                    names == null ? null : json.readValue(names, NAMES),
                                    rs.getInt("date_system") == 1904 ? true : null));
                })
                .optional();
    }

    /** Stores a snapshot; a concurrent instance storing the same revision is harmless. */
    public void save(UUID workbookId, long revision, Operation.Create contents) {
        jdbc.sql("insert into workbook_snapshot (workbook_id, revision, contents, names, date_system)"
                        + " values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(
                        workbookId,
                        revision,
                        json.writeValueAsString(contents.sheets()),
                        contents.names() == null ? null : json.writeValueAsString(contents.names()),
                        contents.in1904() ? 1904 : 1900)
                .update();
    }

    /** Workbooks whose latest revision is at least {@code every} revisions past their latest snapshot. */
    public List<Object[]> due(int every, int limit) {
        return jdbc.sql("select w.id, w.revision from workbook w"
                        + " left join lateral (select max(s.revision) as snapped from workbook_snapshot s"
                        + " where s.workbook_id = w.id) s on true"
                        + " where w.deleted_at is null and w.revision - coalesce(s.snapped, 1) >= ?"
                        + " order by w.revision - coalesce(s.snapped, 1) desc limit ?")
                .params(every, limit)
                .query((rs, n) -> new Object[] {rs.getObject("id", UUID.class), rs.getLong("revision")})
                .list();
    }
}
