package io.ledgerflow.linking.link.persistence;

import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.reference.Area;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Table {@code link} and the destination cells each link holds ({@code link_destination_cell}). */
@Repository
public class LinkStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<List<String>>> KEYS = new TypeReference<>() {};
    /**
     * A link read for the API: its revisions are the greater of its own and those its source
     * carried along every auto link at once ({@code link_source_progress}), once it has carried
     * anything itself (before that it is waiting for its first values, whatever its source did).
     */
    private static final String SELECT = "select l.*, d.latest as source_latest,"
            + " (select count(*) from link_pending p where p.link_id = l.id) as pending_cells,"
            + " case when l.publish_mode = 'auto' and l.propagated_revision is not null"
            + " then greatest(l.propagated_revision, sp.carried_revision) else l.propagated_revision end as propagated,"
            + " case when l.publish_mode = 'auto' and l.propagated_revision is not null"
            + " then greatest(l.source_changed_revision, sp.carried_revision) else l.source_changed_revision end"
            + " as source_changed"
            + " from link l left join document d on d.type = l.source_type and d.id = l.source_document_id"
            + " left join link_source_progress sp on sp.source_type = l.source_type"
            + " and sp.source_document_id = l.source_document_id and sp.source_ref = l.source_ref";

    /**
     * A link as stored, for propagation and the graph: no staleness (source latest, pending cells)
     * and its own revision columns only ({@code propagatedRevision} is null exactly when the
     * effective one is).
     */
    private static final String BARE = "select l.*, null as source_latest, 0 as pending_cells,"
            + " l.propagated_revision as propagated, l.source_changed_revision as source_changed from link l";

    private final JdbcClient jdbc;
    private final ActiveLinksCache active = new ActiveLinksCache();

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises link creation in a workspace (limit and cycle checks see each other's links). */
    public void lockWorkspace(String workspace) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('link:' || ?))")
                .param(workspace)
                .query((rs, n) -> 1)
                .list();
    }

    public long count(String workspace) {
        return jdbc.sql("select count(*) from link where workspace = ?")
                .param(workspace)
                .query(Long.class)
                .single();
    }

    /** The link already holding a cell of {@code area} in the workbook, if any. */
    public Optional<UUID> holderOf(UUID workbookId, Area area) {
        return jdbc.sql("select link_id from link_destination_cell where workbook_id = ? and sheet_key = ?"
                        + " and row_index between ? and ? and col_index between ? and ? limit 1")
                .params(workbookId, area.sheetKey(), area.row1(), area.row2(), area.col1(), area.col2())
                .query(UUID.class)
                .optional();
    }

    public void insert(Link link) {
        Area s = link.sourceArea();
        Area d = link.destinationArea();
        jdbc.sql("insert into link (id, workspace, kind, source_type, source_workspace, source_document_id,"
                        + " source_ref, source_sheet, source_row1, source_col1, source_row2, source_col2,"
                        + " source_column, source_keys, destination_workbook_id, destination_ref, destination_sheet,"
                        + " destination_row1, destination_col1, destination_row2, destination_col2, status,"
                        + " publish_mode, grant_id, created_at, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, 0)")
                .params(
                        link.id(),
                        link.workspace(),
                        link.kind(),
                        link.sourceType(),
                        link.sourceWorkspace(),
                        link.sourceDocumentId(),
                        link.sourceRef(),
                        s == null ? null : s.sheet(),
                        s == null ? null : s.row1(),
                        s == null ? null : s.col1(),
                        s == null ? null : s.row2(),
                        s == null ? null : s.col2(),
                        link.sourceColumn(),
                        link.sourceKeys() == null ? null : JSON.writeValueAsString(link.sourceKeys()),
                        link.destinationWorkbookId(),
                        link.destinationRef(),
                        d.sheet(),
                        d.row1(),
                        d.col1(),
                        d.row2(),
                        d.col2(),
                        link.status(),
                        link.publishMode(),
                        link.grantId(),
                        Timestamp.from(link.createdAt()))
                .update();
        claimCells(link.id(), link.destinationWorkbookId(), d);
    }

    /** One statement for the whole area; the primary key refuses a cell another link holds. */
    private void claimCells(UUID linkId, UUID workbookId, Area d) {
        jdbc.sql("insert into link_destination_cell (workbook_id, sheet_key, row_index, col_index, link_id)"
                        + " select ?, ?, r, c, ? from generate_series(?, ?) r, generate_series(?, ?) c")
                .params(workbookId, d.sheetKey(), linkId, d.row1(), d.row2(), d.col1(), d.col2())
                .update();
    }

    /** Active links from or into a workbook (its structural edits move their references). */
    public List<Link> touching(UUID workbookId) {
        return jdbc.sql(SELECT + " where l.status = 'active' and ((l.source_type = 'workbook'"
                        + " and l.source_document_id = ?) or l.destination_workbook_id = ?)")
                .params(workbookId, workbookId)
                .query(LinkStore::row)
                .list();
    }

    /**
     * Moves a link's areas (a structural edit moved them); its destination cells move along. The
     * link ({@link #touching}) takes its effective revisions along: its source's progress row stays
     * with the old reference.
     */
    public void relocate(Link link, Area source, Area destination) {
        jdbc.sql("update link set propagated_revision = ?, source_changed_revision = ?,"
                        + " source_ref = coalesce(?, source_ref), source_sheet = coalesce(?, source_sheet),"
                        + " source_row1 = coalesce(?, source_row1), source_col1 = coalesce(?, source_col1),"
                        + " source_row2 = coalesce(?, source_row2), source_col2 = coalesce(?, source_col2),"
                        + " destination_ref = ?, destination_sheet = ?, destination_row1 = ?, destination_col1 = ?,"
                        + " destination_row2 = ?, destination_col2 = ? where id = ?")
                .params(
                        link.propagatedRevision(),
                        link.sourceChangedRevision(),
                        source == null ? null : source.toString(),
                        source == null ? null : source.sheet(),
                        source == null ? null : source.row1(),
                        source == null ? null : source.col1(),
                        source == null ? null : source.row2(),
                        source == null ? null : source.col2(),
                        destination.toString(),
                        destination.sheet(),
                        destination.row1(),
                        destination.col1(),
                        destination.row2(),
                        destination.col2(),
                        link.id())
                .update();
        if (!destination.equals(link.destinationArea())) {
            jdbc.sql("delete from link_destination_cell where link_id = ?")
                    .param(link.id())
                    .update();
            claimCells(link.id(), link.destinationWorkbookId(), destination);
        }
    }

    public Optional<Link> find(String workspace, UUID id) {
        return jdbc.sql(SELECT + " where l.workspace = ? and l.id = ?")
                .params(workspace, id)
                .query(LinkStore::row)
                .optional();
    }

    public Optional<Link> find(UUID id) {
        return jdbc.sql(SELECT + " where l.id = ?")
                .param(id)
                .query(LinkStore::row)
                .optional();
    }

    /** A page of the workspace's links, oldest first; optionally only those with held values. */
    public List<Link> list(String workspace, boolean pendingOnly, UUID document, int page, int size) {
        return jdbc.sql(SELECT + " where l.workspace = ?"
                        + " and (not ? or exists (select 1 from link_pending p where p.link_id = l.id))"
                        + " and (cast(? as uuid) is null or l.source_document_id = ? or l.destination_workbook_id = ?)"
                        + " order by l.created_at, l.id offset ? limit ?")
                .params(workspace, pendingOnly, document, document, document, page * size, size)
                .query(LinkStore::row)
                .list();
    }

    /**
     * Active links out of a source document (any workspace: a shared dataset's links are elsewhere),
     * read bare (see {@link #BARE}): what propagation needs. Kept in memory while the source's
     * version stands ({@link ActiveLinksCache}): a change out of a cell linked 10⁴ times reads one
     * row, not 10⁴. The list is shared: never modify it.
     */
    public List<Link> activeFrom(String sourceType, UUID sourceDocumentId) {
        return active.get(
                sourceType,
                sourceDocumentId,
                sourceVersion(sourceType, sourceDocumentId),
                () -> jdbc.sql(BARE + " where l.source_type = ? and l.source_document_id = ? and l.status = 'active'")
                        .params(sourceType, sourceDocumentId)
                        .query(LinkStore::row)
                        .list());
    }

    /**
     * The source's version ({@code link_source_version}, moved by every statement on its links);
     * -1 for a source no link ever came from.
     */
    long sourceVersion(String sourceType, UUID sourceDocumentId) {
        return jdbc.sql("select version from link_source_version where source_type = ? and source_document_id = ?")
                .params(sourceType, sourceDocumentId)
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    public void delete(UUID id) {
        jdbc.sql("delete from link where id = ?").param(id).update();
    }

    /** Records that the source changed the links' cells at {@code revision}: one statement for all. */
    public void sourceChanged(Collection<UUID> ids, long revision) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update link set source_changed_revision = greatest(coalesce(source_changed_revision, 0), ?)"
                        + " where id = any(?)")
                .params(revision, ids.toArray(UUID[]::new))
                .update();
    }

    /**
     * Records that every active auto link out of each of these sources carried it at {@code
     * revision}: one narrow row per source (cell, block or dataset field), however many links.
     * Links that had not carried anything before need {@link #propagated} too.
     */
    public void sourcesCarried(String sourceType, UUID sourceDocumentId, Collection<String> sourceRefs, long revision) {
        if (sourceRefs.isEmpty()) {
            return;
        }
        jdbc.sql(
                        "insert into link_source_progress (source_type, source_document_id, source_ref, carried_revision)"
                                + " select ?, ?, ref, ? from unnest(?) ref"
                                + " on conflict (source_type, source_document_id, source_ref) do update"
                                + " set carried_revision = greatest(link_source_progress.carried_revision, excluded.carried_revision)")
                .params(sourceType, sourceDocumentId, revision, sourceRefs.toArray(String[]::new))
                .update();
    }

    /** Records that the links carried the source at {@code revision}: one statement for all. */
    public void propagated(Collection<UUID> ids, long revision) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update link set propagated_revision = greatest(coalesce(propagated_revision, 0), ?),"
                        + " source_changed_revision = greatest(coalesce(source_changed_revision, 0), ?)"
                        + " where id = any(?)")
                .params(revision, revision, ids.toArray(UUID[]::new))
                .update();
    }

    /** Marks the active links from or into a workbook {@code broken}; returns their ids. */
    public List<UUID> breakLinksOf(UUID documentId, String reason) {
        return jdbc.sql("update link set status = 'broken', status_reason = ? where status <> 'broken'"
                        + " and (source_document_id = ? or destination_workbook_id = ?) returning id")
                .params(reason, documentId, documentId)
                .query(UUID.class)
                .list();
    }

    public void breakLink(UUID id, String reason) {
        jdbc.sql("update link set status = 'broken', status_reason = ? where id = ?")
                .params(reason, id)
                .update();
    }

    /** Marks the active links resting on a grant {@code revoked}; returns their ids. */
    public List<UUID> revokeGrant(UUID grantId, String reason) {
        return jdbc.sql("update link set status = 'revoked', status_reason = ? where status = 'active'"
                        + " and grant_id = ? returning id")
                .params(reason, grantId)
                .query(UUID.class)
                .list();
    }

    /** Every link, in batches, for rebuilding the in-memory graph. */
    public void forEach(Consumer<Link> each) {
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        while (true) {
            List<Link> batch = new ArrayList<>(jdbc.sql(BARE + " where l.id > ? order by l.id limit 10000")
                    .param(after)
                    .query(LinkStore::row)
                    .list());
            batch.forEach(each);
            if (batch.size() < 10000) {
                return;
            }
            after = batch.getLast().id();
        }
    }

    static Link row(ResultSet rs, int n) throws SQLException {
        String keys = rs.getString("source_keys");
        long latest = rs.getLong("source_latest");
        boolean latestNull = rs.wasNull();
        return new Link(
                rs.getObject("id", UUID.class),
                rs.getString("workspace"),
                rs.getString("kind"),
                rs.getString("source_type"),
                rs.getString("source_workspace"),
                rs.getObject("source_document_id", UUID.class),
                rs.getString("source_ref"),
                rs.getString("source_column"),
                keys == null ? null : JSON.readValue(keys, KEYS),
                rs.getObject("destination_workbook_id", UUID.class),
                rs.getString("destination_ref"),
                rs.getString("status"),
                rs.getString("status_reason"),
                rs.getString("publish_mode"),
                rs.getObject("grant_id", UUID.class),
                (Long) rs.getObject("propagated"),
                (Long) rs.getObject("source_changed"),
                latestNull ? null : latest,
                rs.getInt("pending_cells"),
                rs.getTimestamp("created_at").toInstant(),
                area(rs, "source"),
                area(rs, "destination"));
    }

    private static Area area(ResultSet rs, String prefix) throws SQLException {
        String sheet = rs.getString(prefix + "_sheet");
        if (sheet == null) {
            return null;
        }
        return new Area(
                sheet,
                rs.getInt(prefix + "_row1"),
                rs.getInt(prefix + "_col1"),
                rs.getInt(prefix + "_row2"),
                rs.getInt(prefix + "_col2"));
    }
}
