package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.dataset.Grant;
import io.ledgerflow.linking.dataset.persistence.DatasetStore;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.linking.graph.LinkGraph;
import io.ledgerflow.linking.link.persistence.LinkStore;
import io.ledgerflow.linking.reference.Area;
import io.ledgerflow.linking.reference.StructureEdit;
import io.ledgerflow.service.problem.ConflictException;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Link use cases. A link is created whole or not at all: every check (documents known, shapes
 * equal, grant, free destination cells, no cycle, workspace limit) runs before anything is
 * written, under a per-workspace lock, and the link, its destination cells, its event and the
 * request for the source's current values commit together.
 */
@Service
public class Links {

    private static final String AGGREGATE = "link";

    private final LinkStore links;
    private final DocumentCatalogue documents;
    private final DatasetStore datasets;
    private final LinkGraph graph;
    private final Outbox outbox;
    private final LinkingLimits limits;
    private final ApplicationEventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    Links(
            LinkStore links,
            DocumentCatalogue documents,
            DatasetStore datasets,
            LinkGraph graph,
            Outbox outbox,
            LinkingLimits limits,
            ApplicationEventPublisher publisher) {
        this.links = links;
        this.documents = documents;
        this.datasets = datasets;
        this.graph = graph;
        this.outbox = outbox;
        this.limits = limits;
        this.publisher = publisher;
    }

    @Transactional
    public Link create(String workspace, NewLink request) {
        String mode = request.publishMode() == null ? Link.AUTO : request.publishMode();
        if (!Link.AUTO.equals(mode) && !Link.MANUAL.equals(mode)) {
            throw new InvalidInputException("publishMode", "publishMode is auto or manual, not " + mode);
        }
        Area destination = Area.parse("destination.ref", request.destinationRef());
        if (destination.cellCount() > limits.maxLinkCells()) {
            throw new InvalidInputException(
                    "destination.ref",
                    "a link fills at most " + limits.maxLinkCells() + " cells; " + destination + " has "
                            + destination.cellCount());
        }
        Link link = switch (Objects.requireNonNullElse(request.sourceType(), "")) {
            case KnownDocument.WORKBOOK -> workbookLink(workspace, request, destination, mode);
            case KnownDocument.DATASET -> datasetLink(workspace, request, destination, mode);
            default ->
                throw new InvalidInputException(
                        "source.type", "a source is a workbook or a dataset, not " + request.sourceType());
        };
        if (documents
                .find(workspace, KnownDocument.WORKBOOK, request.destinationWorkbookId())
                .isEmpty()) {
            throw new InvalidInputException(
                    "destination.workbookId",
                    "no workbook " + request.destinationWorkbookId() + " in workspace " + workspace);
        }
        links.lockWorkspace(workspace);
        if (links.count(workspace) >= limits.maxLinksPerWorkspace()) {
            throw new InvalidInputException(
                    "workspace",
                    "workspace " + workspace + " holds its limit of " + limits.maxLinksPerWorkspace() + " links");
        }
        links.holderOf(link.destinationWorkbookId(), destination).ifPresent(holder -> {
            throw new ConflictException("destination.ref: a cell of " + destination + " of workbook "
                    + link.destinationWorkbookId() + " is already linked (link " + holder + ")");
        });
        if (link.fromWorkbook()) {
            refuseCycle(link);
        }
        try {
            links.insert(link);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("destination.ref: a cell of " + destination + " of workbook "
                    + link.destinationWorkbookId() + " is already linked");
        }
        outbox.append(Topics.Linking.LINK_EVENTS, AGGREGATE, link.id().toString(), workspace, link.created());
        if (link.fromWorkbook()) {
            outbox.append(
                    Topics.Linking.LINK_EVENTS,
                    AGGREGATE,
                    link.id().toString(),
                    workspace,
                    new SourceValuesRequested(link.id(), link.sourceDocumentId(), link.sourceRef()));
        }
        inGraph(link);
        publisher.publishEvent(new LinkAdded(link));
        return get(workspace, link.id());
    }

    private Link workbookLink(String workspace, NewLink request, Area destination, String mode) {
        if (request.sourceWorkspace() != null && !request.sourceWorkspace().equals(workspace)) {
            throw new InvalidInputException(
                    "source.workspace", "workbooks link within a workspace; only shared datasets cross workspaces");
        }
        requireDocument(workspace, KnownDocument.WORKBOOK, request.sourceDocumentId());
        Area source = Area.parse("source.ref", request.sourceRef());
        if (!source.sameShape(destination)) {
            throw new InvalidInputException(
                    "destination.ref",
                    "the source " + source + " is " + source.rows() + "×" + source.cols() + " but the destination "
                            + destination + " is " + destination.rows() + "×" + destination.cols());
        }
        if (request.sourceDocumentId().equals(request.destinationWorkbookId()) && source.overlaps(destination)) {
            throw new InvalidInputException("destination.ref", "a link cannot carry cells onto themselves");
        }
        return newLink(
                workspace,
                source.isSingleCell() ? "cell" : "range",
                request,
                workspace,
                source.toString(),
                null,
                null,
                destination,
                mode,
                null,
                source);
    }

    private Link datasetLink(String workspace, NewLink request, Area destination, String mode) {
        String owner = request.sourceWorkspace() == null ? workspace : request.sourceWorkspace();
        if (request.sourceColumn() == null || request.sourceColumn().isBlank()) {
            throw new InvalidInputException("source.column", "a dataset source names a column");
        }
        List<List<String>> keys;
        String kind;
        boolean nullInKey = (request.sourceKey() != null && request.sourceKey().contains(null))
                || (request.sourceKeys() != null
                        && request.sourceKeys().stream().anyMatch(key -> key == null || key.contains(null)));
        if (nullInKey) {
            throw new InvalidInputException("source.key", "a row key is the primary-key values, none of them null");
        }
        if (request.sourceKey() != null && request.sourceKeys() == null) {
            keys = List.of(List.copyOf(request.sourceKey()));
            kind = "dataset-field";
            if (!destination.isSingleCell()) {
                throw new InvalidInputException(
                        "destination.ref", "a dataset field fills one cell, not " + destination);
            }
        } else if (request.sourceKeys() != null
                && request.sourceKey() == null
                && !request.sourceKeys().isEmpty()) {
            keys = request.sourceKeys().stream().map(List::copyOf).toList();
            kind = "dataset-slice";
            if ((destination.rows() != 1 && destination.cols() != 1) || destination.cellCount() != keys.size()) {
                throw new InvalidInputException(
                        "destination.ref",
                        "a slice of " + keys.size() + " rows fills one row or column of as many cells, not "
                                + destination);
            }
        } else {
            throw new InvalidInputException(
                    "source.key", "a dataset source names one row key (key) or a non-empty list of them (keys)");
        }
        if (keys.stream().anyMatch(List::isEmpty)) {
            throw new InvalidInputException("source.key", "a row key has at least one value");
        }
        UUID grant = null;
        if (owner.equals(workspace)) {
            requireDocument(workspace, KnownDocument.DATASET, request.sourceDocumentId());
        } else {
            Grant live = datasets.liveGrant(request.sourceDocumentId(), workspace)
                    .filter(g -> g.ownerWorkspace().equals(owner))
                    .filter(g -> documents
                            .findAnywhere(KnownDocument.DATASET, request.sourceDocumentId())
                            .isPresent())
                    .orElseThrow(() -> new InvalidInputException(
                            "source.documentId",
                            "no dataset " + request.sourceDocumentId() + " of " + owner + " is shared with "
                                    + workspace));
            if (!live.coversColumn(request.sourceColumn())) {
                throw new InvalidInputException(
                        "source.column", "column " + request.sourceColumn() + " is not shared with " + workspace);
            }
            for (List<String> key : keys) {
                datasets.row(request.sourceDocumentId(), key)
                        .filter(row -> row.values() != null && !live.allows(request.sourceColumn(), row.values()))
                        .ifPresent(row -> {
                            throw new InvalidInputException(
                                    "source.key", "row " + key + " is not shared with " + workspace);
                        });
            }
            grant = live.grantId();
        }
        String ref = request.sourceColumn() + (keys.size() == 1 ? keys.getFirst() : keys);
        return newLink(
                workspace, kind, request, owner, ref, request.sourceColumn(), keys, destination, mode, grant, null);
    }

    private Link newLink(
            String workspace,
            String kind,
            NewLink request,
            String sourceWorkspace,
            String sourceRef,
            String column,
            List<List<String>> keys,
            Area destination,
            String mode,
            UUID grant,
            Area source) {
        return new Link(
                UUID.randomUUID(),
                workspace,
                kind,
                request.sourceType(),
                sourceWorkspace,
                request.sourceDocumentId(),
                sourceRef,
                column,
                keys,
                request.destinationWorkbookId(),
                destination.toString(),
                Link.ACTIVE,
                null,
                mode,
                grant,
                null,
                null,
                null,
                0,
                clock.instant(),
                source,
                destination);
    }

    private void requireDocument(String workspace, String type, UUID id) {
        if (documents.find(workspace, type, id).isEmpty()) {
            throw new InvalidInputException(
                    "source.documentId", "no " + type + " " + id + " in workspace " + workspace);
        }
    }

    /**
     * Refused when links alone would carry the destination's cells back into the source's (exact,
     * cell by cell, links inside one workbook included); and, under the {@code documents} check,
     * when links reach the source document from the destination document at all, since formulas
     * inside a workbook (which linking does not see) may join the cells in between.
     */
    private void refuseCycle(Link link) {
        List<LinkGraph.Step> exact = graph.cellPath(
                link.destinationWorkbookId(), link.destinationArea(), link.sourceDocumentId(), link.sourceArea());
        if (exact != null && !exact.isEmpty()) {
            List<CycleException.Hop> hops = new ArrayList<>();
            for (LinkGraph.Step step : exact) {
                hops.add(new CycleException.Hop(
                        step.edge().linkId(),
                        step.edge().sourceDocument(),
                        step.from().toString(),
                        step.edge().destinationDocument(),
                        step.to().toString(),
                        false));
            }
            hops.add(closingHop(link, false));
            throw new CycleException(hops, true);
        }
        boolean conservative = exact == null || LinkingLimits.DOCUMENTS.equals(limits.cycleCheck());
        if (!conservative || link.sourceDocumentId().equals(link.destinationWorkbookId())) {
            return;
        }
        List<LinkGraph.Edge> path = graph.documentPath(link.destinationWorkbookId(), link.sourceDocumentId());
        if (path.isEmpty()) {
            return;
        }
        List<CycleException.Hop> hops = new ArrayList<>();
        Area arrived = link.destinationArea(); // the cells links alone fill in the hop's document
        for (LinkGraph.Edge edge : path) {
            Area carried = edge.sourceArea().intersection(arrived);
            hops.add(new CycleException.Hop(
                    edge.linkId(),
                    edge.sourceDocument(),
                    edge.sourceArea().toString(),
                    edge.destinationDocument(),
                    edge.destinationArea().toString(),
                    carried == null));
            arrived = carried == null
                    ? edge.destinationArea()
                    : carried.mapped(edge.sourceArea(), edge.destinationArea());
        }
        hops.add(closingHop(link, !link.sourceArea().overlaps(arrived)));
        throw new CycleException(hops, false);
    }

    private static CycleException.Hop closingHop(Link link, boolean viaFormulas) {
        return new CycleException.Hop(
                null,
                link.sourceDocumentId(),
                link.sourceRef(),
                link.destinationWorkbookId(),
                link.destinationRef(),
                viaFormulas);
    }

    /**
     * Puts the link into the in-memory graph now (inside the workspace lock, so the next creation's
     * cycle check sees it) and takes it out again if the transaction rolls back.
     */
    private void inGraph(Link link) {
        graph.put(link.edge());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    graph.remove(link.id());
                }
            }
        });
    }

    @Transactional(readOnly = true)
    public Link get(String workspace, UUID id) {
        return links.find(workspace, id)
                .orElseThrow(() -> new NotFoundException("link " + id + " does not exist in workspace " + workspace));
    }

    @Transactional(readOnly = true)
    public List<Link> list(String workspace, boolean pendingOnly, UUID document, int page, int size) {
        return links.list(workspace, pendingOnly, document, page, size);
    }

    @Transactional
    public void remove(String workspace, UUID id) {
        Link link = get(workspace, id);
        links.delete(id);
        outbox.append(Topics.Linking.LINK_EVENTS, AGGREGATE, id.toString(), workspace, link.removed());
        publisher.publishEvent(new LinkStopped(link));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                graph.remove(id);
            }
        });
    }

    /**
     * A workbook or dataset went: its links (either end) are {@code broken} and stop; where it was
     * the source, the destination is told the source is gone (it shows {@code #REF!}).
     */
    @Transactional
    public void documentDeleted(UUID documentId, String type) {
        for (UUID id : links.breakLinksOf(documentId, "the " + type + " " + documentId + " was deleted")) {
            links.find(id)
                    .ifPresent(link -> stopped(link, link.sourceDocumentId().equals(documentId)));
        }
    }

    /**
     * A workbook's structure changed: the links from and into it follow, as Excel's references
     * would; a link whose source or destination block was deleted, or would change shape, is
     * {@code broken} (with why).
     */
    @Transactional
    public void structureChanged(UUID workbookId, StructureEdit edit) {
        for (Link link : links.touching(workbookId)) {
            Area source = link.sourceArea();
            Area destination = link.destinationArea();
            String problem = null;
            boolean sourceGone = false;
            if (source != null && link.sourceDocumentId().equals(workbookId)) {
                StructureEdit.Result moved = edit.apply(source);
                sourceGone = moved.gone();
                problem = moved.gone()
                        ? "its source " + source + " was deleted"
                        : moved.reshaped() ? "an edit changed the shape of its source " + source : null;
                source = moved.area();
            }
            if (problem == null && link.destinationWorkbookId().equals(workbookId)) {
                StructureEdit.Result moved = edit.apply(destination);
                problem = moved.gone()
                        ? "its destination " + destination + " was deleted"
                        : moved.reshaped() ? "an edit changed the shape of its destination " + destination : null;
                destination = moved.area();
            }
            if (problem != null) {
                links.breakLink(link.id(), problem + " (" + edit.operation() + ")");
                boolean refError = sourceGone;
                links.find(link.id()).ifPresent(broken -> stopped(broken, refError));
            } else if (!destination.equals(link.destinationArea())
                    || (source != null && !source.equals(link.sourceArea()))) {
                links.relocate(link, source, destination);
                Link moved = links.find(link.id()).orElseThrow();
                graph.put(moved.edge());
            }
        }
    }

    /** A grant ended: the links resting on it are {@code revoked} and stop. */
    @Transactional
    public void grantRevoked(UUID grantId) {
        for (UUID id : links.revokeGrant(grantId, "grant " + grantId + " was revoked")) {
            links.find(id).ifPresent(link -> stopped(link, false));
        }
    }

    /**
     * A source could not be read (its owner said so: the workbook or the range is gone): the link
     * is {@code broken} and its destination shows {@code #REF!}.
     */
    @Transactional
    public void sourceUnreadable(UUID linkId, String why) {
        links.find(linkId).filter(Link::isActive).ifPresent(link -> {
            links.breakLink(linkId, why);
            links.find(linkId).ifPresent(broken -> stopped(broken, true));
        });
    }

    /** A link stopped: out of the graph's active edges, and its destination told why. */
    private void stopped(Link link, boolean sourceDeleted) {
        outbox.append(
                Topics.Linking.LINKED_VALUES,
                "workbook",
                link.destinationWorkbookId().toString(),
                link.workspace(),
                new LinkStateChanged(link.destinationWorkbookId(), List.of(link.state(sourceDeleted, null))));
        publisher.publishEvent(new LinkStopped(link));
        graph.get(link.id())
                .ifPresent(edge -> graph.put(new LinkGraph.Edge(
                        edge.linkId(),
                        edge.workspace(),
                        edge.sourceType(),
                        edge.sourceDocument(),
                        edge.sourceArea(),
                        edge.column(),
                        edge.keys(),
                        edge.destinationDocument(),
                        edge.destinationArea(),
                        false)));
    }
}
