package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.document.KnownDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    private record PendingLink(UUID id, UUID destination, String destinationCell, String sourceRef) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;

    Propagation(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Propagates the changed cells of workbook {@code workbookId} at {@code revision}. */
    public int cellsChanged(String workspace, UUID workbookId, long revision, List<ChangedCell> cells) {
        if (cells.isEmpty()) {
            return 0;
        }
        // One query per event, not per changed cell: a chunk carries up to 1000 cells.
        Map<String, List<PendingLink>> linksBySource = new HashMap<>();
        jdbc.sql("select id, destination_workbook_id, destination_cell, source_ref from link"
                        + " where workspace = ? and source_type = ? and source_document_id = ?"
                        + " and coalesce(propagated_revision, 0) < ?")
                .params(workspace, KnownDocument.WORKBOOK, workbookId, revision)
                .query((rs, n) -> new PendingLink(
                        rs.getObject("id", UUID.class),
                        rs.getObject("destination_workbook_id", UUID.class),
                        rs.getString("destination_cell"),
                        rs.getString("source_ref")))
                .list()
                .forEach(link -> linksBySource
                        .computeIfAbsent(link.sourceRef().toLowerCase(Locale.ROOT), ref -> new ArrayList<>())
                        .add(link));
        int emitted = 0;
        for (ChangedCell cell : cells) {
            if (cell.type().equals("error")) {
                continue; // an error stays in its own workbook; the destination keeps its last value
            }
            for (PendingLink link : linksBySource.getOrDefault(cell.ref().toLowerCase(Locale.ROOT), List.of())) {
                LinkedValuesSet event = new LinkedValuesSet(
                        link.destination(),
                        link.id(),
                        new LinkedValuesSet.Source(KnownDocument.WORKBOOK, workbookId, link.sourceRef()),
                        revision,
                        List.of(new LinkedValuesSet.Value(
                                link.destinationCell(), cell.type().equals("empty") ? null : cell.value())));
                outbox.append(
                        Topics.Linking.LINKED_VALUES,
                        "workbook",
                        link.destination().toString(),
                        workspace,
                        event);
                jdbc.sql("update link set propagated_revision = ? where id = ?")
                        .params(revision, link.id())
                        .update();
                emitted++;
            }
        }
        return emitted;
    }
}
