package io.ledgerflow.linking.document.persistence;

import io.ledgerflow.linking.document.KnownDocument;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The documents linking learnt of (table {@code document}); only ever written by event consumers. */
@Repository
public class DocumentCatalogue {

    private final JdbcClient jdbc;

    DocumentCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a document, or a newer revision or version of it; never moves one backwards. */
    public void seen(String type, UUID id, String workspace, String name, long latest, Instant at) {
        jdbc.sql("insert into document (type, id, workspace, name, latest, updated_at, applied_events)"
                        + " values (?, ?, ?, coalesce(?, ''), ?, ?, 1)"
                        + " on conflict (type, id) do update set applied_events = document.applied_events + 1,"
                        + " name = case when excluded.name = '' then document.name else excluded.name end,"
                        + " latest = greatest(document.latest, excluded.latest), updated_at = excluded.updated_at")
                .params(type, id, workspace, name, latest, Timestamp.from(at))
                .update();
    }

    public void deleted(String type, UUID id, Instant at) {
        jdbc.sql("update document set deleted = true, updated_at = ?,"
                        + " applied_events = applied_events + 1 where type = ? and id = ?")
                .params(Timestamp.from(at), type, id)
                .update();
    }

    /** Forgets every document, before a rebuild from the log (the intake's ReadModelRebuild). */
    public void forgetAll() {
        jdbc.sql("delete from document").update();
    }

    public Optional<KnownDocument> find(String workspace, String type, UUID id) {
        return jdbc.sql("select * from document where workspace = ? and type = ? and id = ? and not deleted")
                .params(workspace, type, id)
                .query(DocumentCatalogue::row)
                .optional();
    }

    /** The document in whichever workspace owns it (a shared dataset is read from another one). */
    public Optional<KnownDocument> findAnywhere(String type, UUID id) {
        return jdbc.sql("select * from document where type = ? and id = ? and not deleted")
                .params(type, id)
                .query(DocumentCatalogue::row)
                .optional();
    }

    public List<KnownDocument> list(String workspace, String type, int offset, int limit) {
        return jdbc.sql(
                        "select * from document where workspace = ? and not deleted and (cast(? as text) is null or type = ?)"
                                + " order by type, name, id offset ? limit ?")
                .params(workspace, type, type, offset, limit)
                .query(DocumentCatalogue::row)
                .list();
    }

    private static KnownDocument row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new KnownDocument(
                rs.getString("type"),
                rs.getObject("id", UUID.class),
                rs.getString("workspace"),
                rs.getString("name"),
                rs.getLong("latest"),
                rs.getBoolean("deleted"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("applied_events"));
    }
}
