package db.migration;

import io.ledgerflow.linking.reference.Area;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Links created before V3 stored reference text: parse each into the canonical form. A link whose
 * text does not parse (a dataset's old {@code column:key}) is marked {@code broken}, with why.
 */
public class V4__canonical_references extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery(
                        "select id, workspace, source_type, source_ref, destination_workbook_id, destination_ref"
                                + " from link where kind is null");
                PreparedStatement update = connection.prepareStatement("update link set kind = ?,"
                        + " source_workspace = ?, source_ref = ?, source_sheet = ?, source_row1 = ?,"
                        + " source_col1 = ?, source_row2 = ?, source_col2 = ?, destination_ref = ?,"
                        + " destination_sheet = ?, destination_row1 = ?, destination_col1 = ?,"
                        + " destination_row2 = ?, destination_col2 = ?, status = ?, status_reason = ? where id = ?");
                PreparedStatement cell = connection.prepareStatement("insert into link_destination_cell"
                        + " (workbook_id, sheet_key, row_index, col_index, link_id) values (?, ?, ?, ?, ?)"
                        + " on conflict do nothing")) {
            while (rs.next()) {
                UUID id = rs.getObject("id", UUID.class);
                Area destination;
                Area source = null;
                try {
                    destination = Area.parse("destination", rs.getString("destination_ref"));
                    if ("workbook".equals(rs.getString("source_type"))) {
                        source = Area.parse("source", rs.getString("source_ref"));
                    }
                } catch (RuntimeException unreadable) {
                    destination = null;
                }
                boolean ok = destination != null && source != null && source.sameShape(destination);
                update.setString(1, source == null || source.isSingleCell() ? "cell" : "range");
                update.setString(2, rs.getString("workspace"));
                update.setString(3, source == null ? rs.getString("source_ref") : source.toString());
                setArea(update, 4, source);
                update.setString(9, destination == null ? rs.getString("destination_ref") : destination.toString());
                setArea(update, 10, destination);
                update.setString(15, ok ? "active" : "broken");
                update.setString(16, ok ? null : "created before canonical references; re-create the link");
                update.setObject(17, id);
                update.executeUpdate();
                if (destination != null) {
                    for (int r = destination.row1(); r <= destination.row2(); r++) {
                        for (int c = destination.col1(); c <= destination.col2(); c++) {
                            cell.setObject(1, rs.getObject("destination_workbook_id", UUID.class));
                            cell.setString(2, destination.sheetKey());
                            cell.setInt(3, r);
                            cell.setInt(4, c);
                            cell.setObject(5, id);
                            cell.executeUpdate();
                        }
                    }
                }
            }
        }
        try (Statement notNull = connection.createStatement()) {
            notNull.execute(
                    "alter table link alter column kind set not null," + " alter column source_workspace set not null");
        }
    }

    private static void setArea(PreparedStatement update, int from, Area area) throws java.sql.SQLException {
        update.setString(from, area == null ? null : area.sheet());
        update.setObject(from + 1, area == null ? null : area.row1());
        update.setObject(from + 2, area == null ? null : area.col1());
        update.setObject(from + 3, area == null ? null : area.row2());
        update.setObject(from + 4, area == null ? null : area.col2());
    }
}
