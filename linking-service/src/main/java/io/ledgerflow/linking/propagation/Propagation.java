package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.document.KnownDocument;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Carries source values along links: when cells of a workbook change, every link whose source is
 * one of those cells emits a LinkedValuesSet for its destination, in the same transaction as the
 * consumed event's inbox record (so each change propagates once). Links record the source
 * revision they last carried, so a destination whose source moved on is visibly stale.
 */
@Service
public class Propagation {

    /** A changed source cell: its reference and new value as calculation published them. */
    public record ChangedCell(String ref, String type, Object value) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;

    Propagation(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Propagates the changed cells of workbook {@code workbookId} at {@code revision}. */
    public int cellsChanged(String workspace, UUID workbookId, long revision, List<ChangedCell> cells) {
        int emitted = 0;
        for (ChangedCell cell : cells) {
            if (cell.type().equals("error")) {
                continue; // an error stays in its own workbook; the destination keeps its last value
            }
            List<Map<String, Object>> links = jdbc.sql(
                            "select id, destination_workbook_id, destination_cell, source_ref"
                                    + " from link where workspace = ? and source_type = ? and source_document_id = ?"
                                    + " and lower(source_ref) = lower(?) and coalesce(propagated_revision, 0) < ?")
                    .params(workspace, KnownDocument.WORKBOOK, workbookId, cell.ref(), revision)
                    .query()
                    .listOfRows();
            for (Map<String, Object> link : links) {
                UUID linkId = (UUID) link.get("id");
                UUID destination = (UUID) link.get("destination_workbook_id");
                LinkedValuesSet event = new LinkedValuesSet(
                        destination,
                        linkId,
                        new LinkedValuesSet.Source(KnownDocument.WORKBOOK, workbookId, (String) link.get("source_ref")),
                        revision,
                        List.of(new LinkedValuesSet.Value(
                                (String) link.get("destination_cell"),
                                cell.type().equals("empty") ? null : cell.value())));
                outbox.append(Topics.Linking.LINKED_VALUES, "workbook", destination.toString(), workspace, event);
                jdbc.sql("update link set propagated_revision = ? where id = ?")
                        .params(revision, linkId)
                        .update();
                emitted++;
            }
        }
        return emitted;
    }
}
