package io.ledgerflow.sharing.share.persistence;

import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.share.Grant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Grants (table {@code dataset_grant}): inserted once, updated only to record their revocation. */
@Repository
public class GrantStore {

    private static final TypeReference<List<String>> COLUMNS = new TypeReference<>() {};
    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {};
    private static final String SELECT = "select id, dataset_id, workspace, grantee, columns, row_filter, granted_by,"
            + " granted_at, revoked_by, revoked_at from dataset_grant ";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    GrantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Grant grant) {
        jdbc.sql("insert into dataset_grant (id, dataset_id, workspace, grantee, columns, row_filter, granted_by,"
                        + " granted_at) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")
                .params(
                        grant.id(),
                        grant.datasetId(),
                        grant.workspace(),
                        grant.grantee(),
                        grant.columns() == null ? null : json.writeValueAsString(grant.columns()),
                        json.writeValueAsString(grant.rowFilter()),
                        grant.grantedBy(),
                        Timestamp.from(grant.grantedAt()))
                .update();
    }

    /** Records the revocation; false when the grant was already revoked. */
    public boolean revoke(UUID id, String by, Instant at) {
        return jdbc.sql("update dataset_grant set revoked_by = ?, revoked_at = ? where id = ? and revoked_at is null")
                        .params(by, Timestamp.from(at), id)
                        .update()
                == 1;
    }

    public Optional<Grant> find(UUID datasetId, UUID id) {
        return jdbc.sql(SELECT + "where dataset_id = ? and id = ?")
                .params(datasetId, id)
                .query(this::grant)
                .optional();
    }

    public Optional<Grant> active(UUID datasetId, String grantee) {
        return jdbc.sql(SELECT + "where dataset_id = ? and grantee = ? and revoked_at is null")
                .params(datasetId, grantee)
                .query(this::grant)
                .optional();
    }

    /** Every grant of the dataset, active and revoked, oldest first. */
    public List<Grant> ofDataset(UUID datasetId) {
        return jdbc.sql(SELECT + "where dataset_id = ? order by granted_at, id")
                .param(datasetId)
                .query(this::grant)
                .list();
    }

    /** The grantee's active grants, oldest first. */
    public List<Grant> activeFor(String grantee) {
        return jdbc.sql(SELECT + "where grantee = ? and revoked_at is null order by granted_at, id")
                .param(grantee)
                .query(this::grant)
                .list();
    }

    private Grant grant(ResultSet rs, int row) throws SQLException {
        String columns = rs.getString("columns");
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new Grant(
                rs.getObject("id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                rs.getString("workspace"),
                rs.getString("grantee"),
                columns == null ? null : json.readValue(columns, COLUMNS),
                json.readValue(rs.getString("row_filter"), CONDITIONS),
                rs.getString("granted_by"),
                rs.getTimestamp("granted_at").toInstant(),
                rs.getString("revoked_by"),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
