package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.link.LinkStopped;
import io.ledgerflow.linking.link.persistence.LinkStore;
import io.ledgerflow.linking.reference.Area;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code ledgerflow.linking.source-values.v1} (compacted): a {@link LinkedSourceValue} for each
 * changed workbook cell that an active link reads, a tombstone when the last active link out of a cell
 * stops. Written through the outbox in the transaction that handled the change (or stopped the link).
 */
@Component
class SourceValues {

    private final LinkStore links;
    private final Outbox outbox;

    SourceValues(LinkStore links, Outbox outbox) {
        this.links = links;
        this.outbox = outbox;
    }

    /** Cells of a workbook took values at {@code revision}: one state record per cell some active link reads. */
    void changed(UUID workbookId, long revision, List<Propagation.SourceCell> cells, Collection<Link> active) {
        Map<String, List<Outbox.Keyed>> byWorkspace = new LinkedHashMap<>();
        for (Propagation.SourceCell cell : cells) {
            active.stream()
                    .filter(link ->
                            link.fromWorkbook() && link.sourceArea().contains(cell.sheet(), cell.row(), cell.col()))
                    .findFirst()
                    .ifPresent(link -> {
                        String workspace = link.sourceWorkspace() != null ? link.sourceWorkspace() : link.workspace();
                        String ref =
                                Area.cell(cell.sheet(), cell.row(), cell.col()).toString();
                        Object value = "empty".equals(cell.type()) ? null : cell.value();
                        byWorkspace
                                .computeIfAbsent(workspace, w -> new ArrayList<>())
                                .add(new Outbox.Keyed(
                                        LinkedSourceValue.key(workbookId, ref),
                                        new LinkedSourceValue(
                                                workspace, workbookId, ref, cell.type(), value, revision)));
                    });
        }
        byWorkspace.forEach(
                (workspace, events) -> outbox.appendAll(Topics.Linking.SOURCE_VALUES, "cell", workspace, events));
    }

    /** A link stopped: a tombstone for each of its source cells no other active link reads. */
    @EventListener
    void linkStopped(LinkStopped stopped) {
        Link link = stopped.link();
        if (!link.fromWorkbook() || link.sourceArea() == null) {
            return;
        }
        List<Link> others = links.activeFrom(KnownDocument.WORKBOOK, link.sourceDocumentId()).stream()
                .filter(other -> !other.id().equals(link.id()))
                .toList();
        Area area = link.sourceArea();
        for (int row = area.row1(); row <= area.row2(); row++) {
            for (int col = area.col1(); col <= area.col2(); col++) {
                int r = row;
                int c = col;
                if (others.stream().noneMatch(other -> other.sourceArea().contains(area.sheet(), r, c))) {
                    outbox.appendTombstone(
                            Topics.Linking.SOURCE_VALUES,
                            LinkedSourceValue.key(
                                    link.sourceDocumentId(),
                                    Area.cell(area.sheet(), r, c).toString()));
                }
            }
        }
    }
}
