package io.ledgerflow.linking.propagation;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.dataset.Grant;
import io.ledgerflow.linking.dataset.persistence.DatasetStore;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.link.LinkAdded;
import io.ledgerflow.linking.link.LinkStateChanged;
import io.ledgerflow.linking.link.persistence.LinkStore;
import io.ledgerflow.linking.propagation.persistence.HeldValues;
import io.ledgerflow.linking.reference.Area;
import io.ledgerflow.service.problem.NotFoundException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries source values along links, in the transaction of the consumed event's inbox record (so
 * each change has its effect once). Sources are matched by address ({@link Area}), never by the
 * text of a reference. {@code auto} links emit at once, one LinkedValuesSet per destination workbook
 * for all the links a change reaches in it; a {@code manual} link holds the newest value per
 * destination cell until published. Every link records the source
 * revision it changed at and the one it carried, which is what staleness is read from.
 */
@Service
public class Propagation {

    /** A changed (or reported) source cell: where, and its value as calculation published it. */
    public record SourceCell(String sheet, int row, int col, String type, Object value) {}

    /** A changed dataset row: its key, {@code inserted}/{@code updated}/{@code deleted}, values. */
    public record RowChange(List<String> key, String change, Map<String, Object> values) {}

    /** The one error a link carries: a lost source upstream. */
    static final String REF = "#REF!";

    private final LinkStore links;
    private final HeldValues held;
    private final DatasetStore datasets;
    private final Outbox outbox;
    private final SourceValues sourceValues;
    private final ObservationRegistry observations;

    Propagation(
            LinkStore links,
            HeldValues held,
            DatasetStore datasets,
            Outbox outbox,
            SourceValues sourceValues,
            ObjectProvider<ObservationRegistry> observations) {
        this.links = links;
        this.held = held;
        this.datasets = datasets;
        this.outbox = outbox;
        this.sourceValues = sourceValues;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /**
     * Cells of workbook {@code workbookId} took new values at {@code revision}. The links' revision
     * bookkeeping is one statement each for all links (a cell linked 10⁴ times is one event).
     * Observed as {@code ledgerflow.link.propagation} (a timer, and a "propagate" span in the
     * consumed event's trace).
     */
    public int cellsChanged(UUID workbookId, long revision, List<SourceCell> cells) {
        if (cells.isEmpty()) {
            return 0;
        }
        return Observation.createNotStarted("ledgerflow.link.propagation", observations)
                .contextualName("propagate")
                .lowCardinalityKeyValue("source", KnownDocument.WORKBOOK)
                .observe(() -> carryChangedCells(workbookId, revision, cells));
    }

    private int carryChangedCells(UUID workbookId, long revision, List<SourceCell> cells) {
        Map<Link, List<LinkedValuesSet.Value>> changed = new LinkedHashMap<>();
        List<Link> active = links.activeFrom(KnownDocument.WORKBOOK, workbookId);
        sourceValues.changed(workbookId, revision, cells, active);
        for (Link link : active) {
            List<LinkedValuesSet.Value> values = carried(link, cells);
            if (!values.isEmpty()) {
                changed.put(link, values);
            }
        }
        return carryAll(changed, revision);
    }

    /**
     * Delivers (or holds) each changed link's values — one LinkedValuesSet per destination workbook
     * for all the auto links into it — then records for all of them at once that the source changed
     * at {@code revision} and which carried it; returns the links carried.
     */
    private int carryAll(Map<Link, List<LinkedValuesSet.Value>> changed, long revision) {
        Map<Link, List<LinkedValuesSet.Value>> delivered = new LinkedHashMap<>();
        Map<Link, List<LinkedValuesSet.Value>> holding = new LinkedHashMap<>();
        changed.forEach(
                (link, values) -> (Link.MANUAL.equals(link.publishMode()) ? holding : delivered).put(link, values));
        hold(holding, revision);
        emit(delivered, revision);
        // one progress row per source reference for every auto link from it; a link's own row is
        // written only for its first values (before those it shows none, whatever its source did)
        Link any = delivered.isEmpty() ? null : delivered.keySet().iterator().next();
        if (any != null) {
            links.sourcesCarried(
                    any.sourceType(),
                    any.sourceDocumentId(),
                    delivered.keySet().stream().map(Link::sourceRef).distinct().toList(),
                    revision);
        }
        List<UUID> first = delivered.keySet().stream()
                .filter(link -> link.propagatedRevision() == null)
                .map(Link::id)
                .toList();
        links.sourceChanged(holding.keySet().stream().map(Link::id).toList(), revision);
        links.propagated(first, revision);
        return delivered.size();
    }

    /** The owner of a link's source answered a SourceValuesRequested: the values a new link starts with. */
    public int reported(UUID workbookId, UUID linkId, long revision, List<SourceCell> cells) {
        return links.find(linkId)
                .filter(Link::isActive)
                .filter(link -> link.fromWorkbook() && link.sourceDocumentId().equals(workbookId))
                .map(link -> {
                    sourceValues.changed(workbookId, revision, cells, List.of(link));
                    List<LinkedValuesSet.Value> values = carried(link, cells);
                    return values.isEmpty() ? 0 : carriedOne(link, values, revision);
                })
                .orElse(0);
    }

    /**
     * Destination values for the source cells inside the link's area. Errors are not carried (the
     * destination keeps its last value) except {@code #REF!}, a lost source upstream, which the
     * destination must show too so the loss travels down a chain.
     */
    private static List<LinkedValuesSet.Value> carried(Link link, List<SourceCell> cells) {
        Area source = link.sourceArea();
        Area destination = link.destinationArea();
        List<LinkedValuesSet.Value> values = new ArrayList<>();
        for (SourceCell cell : cells) {
            if (!source.contains(cell.sheet(), cell.row(), cell.col())) {
                continue;
            }
            int dr = cell.row() - source.row1();
            int dc = cell.col() - source.col1();
            // a cell link's references are already canonical text
            String target = source.isSingleCell()
                    ? link.destinationRef()
                    : destination.at(dr, dc).toString();
            String sourceRef =
                    source.isSingleCell() ? link.sourceRef() : source.at(dr, dc).toString();
            if ("error".equals(cell.type())) {
                if (REF.equals(cell.value())) {
                    values.add(new LinkedValuesSet.Value(target, null, sourceRef, REF));
                }
                continue; // any other error stays in its own workbook
            }
            values.add(new LinkedValuesSet.Value(
                    target, "empty".equals(cell.type()) ? null : cell.value(), sourceRef, null));
        }
        return values;
    }

    /** Rows of a dataset changed at {@code version}: remembered, then carried along its links. */
    public int datasetRowsChanged(UUID datasetId, long version, List<RowChange> rows) {
        List<RowChange> applied = new ArrayList<>();
        for (RowChange row : rows) {
            boolean deleted = "deleted".equals(row.change());
            if (datasets.rowChanged(datasetId, row.key(), deleted ? null : row.values(), version)) {
                applied.add(row);
            }
        }
        if (applied.isEmpty()) {
            return 0;
        }
        Map<Link, List<LinkedValuesSet.Value>> changed = new LinkedHashMap<>();
        for (Link link : links.activeFrom(KnownDocument.DATASET, datasetId)) {
            Grant grant = link.grantId() == null
                    ? null
                    : datasets.grant(link.grantId()).orElse(null);
            List<LinkedValuesSet.Value> values = new ArrayList<>();
            for (RowChange row : applied) {
                int index = link.sourceKeys().indexOf(row.key());
                if (index >= 0) {
                    values.add(fieldValue(link, index, row.values(), grant));
                }
            }
            if (!values.isEmpty()) {
                changed.put(link, values);
            }
        }
        return carryAll(changed, version);
    }

    /**
     * The value of the link's field for key {@code index}: null when the row is gone or no longer
     * visible to the destination's workspace under the link's grant.
     */
    private static LinkedValuesSet.Value fieldValue(Link link, int index, Map<String, Object> row, Grant grant) {
        Area d = link.destinationArea();
        Area target = d.cols() == 1 ? d.at(index, 0) : d.at(0, index);
        boolean visible = row != null && (grant == null || grant.allows(link.sourceColumn(), row));
        return new LinkedValuesSet.Value(target.toString(), visible ? row.get(link.sourceColumn()) : null);
    }

    /** A new dataset link starts with the values linking already keeps; a workbook link asked. */
    @EventListener
    void linkAdded(LinkAdded added) {
        Link link = added.link();
        if (link.fromWorkbook()) {
            return; // its SourceValuesRequested is on the log; the answer carries the values
        }
        Grant grant =
                link.grantId() == null ? null : datasets.grant(link.grantId()).orElse(null);
        Map<List<String>, DatasetStore.Row> rows = datasets.rows(link.sourceDocumentId(), link.sourceKeys());
        List<LinkedValuesSet.Value> values = new ArrayList<>();
        long version = 0;
        for (int i = 0; i < link.sourceKeys().size(); i++) {
            DatasetStore.Row row = rows.get(link.sourceKeys().get(i));
            if (row != null) {
                values.add(fieldValue(link, i, row.values(), grant));
                version = Math.max(version, row.version());
            }
        }
        if (!values.isEmpty()) {
            carriedOne(link, values, version);
        }
    }

    /** Delivers one link's values now (whatever its mode) and records the revision carried. */
    private int carriedOne(Link link, List<LinkedValuesSet.Value> values, long revision) {
        emit(Map.of(link, values), revision);
        links.propagated(List.of(link.id()), revision);
        return 1;
    }

    /**
     * Holds manual links' values until published (one statement for all their cells), and tells
     * each destination workbook that its links are behind and why (held for publishing): one
     * LinkStateChanged v2 per destination workbook, however many links.
     */
    private void hold(Map<Link, List<LinkedValuesSet.Value>> byLink, long revision) {
        List<HeldValues.ToHold> cells = new ArrayList<>();
        byLink.forEach((link, values) -> values.forEach(value -> cells.add(
                new HeldValues.ToHold(link.id(), Area.parse("ref", value.ref()), value.value(), value.error()))));
        held.holdAll(cells, revision);
        appendPerDestination(
                byLink.keySet(),
                (destination, into) -> new LinkStateChanged(
                        destination,
                        into.stream()
                                .map(link -> new LinkStateChanged.State(
                                        link.id(),
                                        link.status(),
                                        null,
                                        false,
                                        link.destinationRef(),
                                        revision,
                                        revision))
                                .toList()));
    }

    /**
     * Emits the links' values (all from one source document, taken at {@code revision}): one
     * LinkedValuesSet per destination workbook, carrying every link into it. The caller records
     * the revision carried.
     */
    private void emit(Map<Link, List<LinkedValuesSet.Value>> byLink, long revision) {
        appendPerDestination(byLink.keySet(), (destination, into) -> {
            Link first = into.getFirst();
            return new LinkedValuesSet(
                    destination,
                    new LinkedValuesSet.Source(first.sourceType(), first.sourceDocumentId(), first.sourceWorkspace()),
                    revision,
                    into.stream()
                            .map(link -> new LinkedValuesSet.Carried(
                                    link.id(),
                                    link.sourceRef(),
                                    link.sourceColumn(),
                                    link.sourceKeys(),
                                    byLink.get(link).stream()
                                            .map(v -> new LinkedValuesSet.Value(
                                                    v.ref(),
                                                    v.value(),
                                                    v.sourceRef() != null
                                                            ? v.sourceRef()
                                                            : sourceRefOf(link, Area.parse("ref", v.ref())),
                                                    v.error()))
                                            .toList()))
                            .toList());
        });
    }

    /**
     * Appends one event per destination workbook of the links (keyed by it, so it stays in order
     * with the workbook's other linked-values events), all in one batched outbox insert per
     * workspace (the links' own: the destinations'; from a shared dataset, several).
     */
    private void appendPerDestination(Collection<Link> links, BiFunction<UUID, List<Link>, DomainEvent> event) {
        Map<UUID, List<Link>> byDestination = new LinkedHashMap<>();
        links.forEach(link -> byDestination
                .computeIfAbsent(link.destinationWorkbookId(), d -> new ArrayList<>())
                .add(link));
        Map<String, List<Outbox.Keyed>> byWorkspace = new LinkedHashMap<>();
        byDestination.forEach((destination, into) -> byWorkspace
                .computeIfAbsent(into.getFirst().workspace(), w -> new ArrayList<>())
                .add(new Outbox.Keyed(destination.toString(), event.apply(destination, into))));
        byWorkspace.forEach(
                (workspace, events) -> outbox.appendAll(Topics.Linking.LINKED_VALUES, "workbook", workspace, events));
    }

    /** The source cell (or dataset {@code column[key]}) a destination cell of the link reflects. */
    private static String sourceRefOf(Link link, Area cell) {
        Area d = link.destinationArea();
        int dr = cell.row1() - d.row1();
        int dc = cell.col1() - d.col1();
        if (link.fromWorkbook()) {
            return link.sourceArea().at(dr, dc).toString();
        }
        return link.sourceColumn() + link.sourceKeys().get(d.cols() == 1 ? dr : dc);
    }

    /** Publishes what a manual link holds; returns the links published (0 or 1). */
    @Transactional
    public int publish(String workspace, UUID linkId) {
        Link link = links.find(workspace, linkId)
                .orElseThrow(
                        () -> new NotFoundException("link " + linkId + " does not exist in workspace " + workspace));
        List<HeldValues.Held> values = held.take(linkId);
        if (values.isEmpty() || !link.isActive()) {
            return 0;
        }
        long revision =
                values.stream().mapToLong(HeldValues.Held::sourceRevision).max().orElseThrow();
        return carriedOne(
                link,
                values.stream()
                        .map(v -> new LinkedValuesSet.Value(v.cell().toString(), v.value(), null, v.error()))
                        .toList(),
                revision);
    }

    /** Publishes every pending link of the workspace, or those from or into {@code document}. */
    @Transactional
    public int publishAll(String workspace, UUID document) {
        int published = 0;
        for (UUID linkId : held.pendingLinks(workspace, document)) {
            published += publish(workspace, linkId);
        }
        return published;
    }
}
