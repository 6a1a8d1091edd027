package io.ledgerflow.linking.lineage;

import io.ledgerflow.linking.dataset.persistence.DatasetStore;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.linking.graph.LinkGraph;
import io.ledgerflow.linking.reference.Area;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Lineage and impact across documents, answered from the in-memory link graph: where a value comes
 * from (upstream), where it goes (downstream), and what a change reaches (impact). Only the links
 * of the asking workspace are followed; its documents (and datasets shared with it) can be asked about.
 */
@Service
public class Lineage {

    /** Every document a change reaches, with how many of its cells. */
    public record Impact(List<Reached> documents, long documentCount, long cellCount) {}

    public record Reached(UUID documentId, long cells) {}

    public static final int MAX_DEPTH = 50;

    private final LinkGraph graph;
    private final DocumentCatalogue documents;
    private final DatasetStore datasets;

    Lineage(LinkGraph graph, DocumentCatalogue documents, DatasetStore datasets) {
        this.graph = graph;
        this.documents = documents;
        this.datasets = datasets;
    }

    /** The start node: a workbook (cell or block optional) or a dataset (column and key optional). */
    public LinkGraph.Node node(
            String workspace, String type, UUID documentId, String ref, String column, List<String> key) {
        boolean known = documents.find(workspace, type, documentId).isPresent()
                || (KnownDocument.DATASET.equals(type)
                        && datasets.liveGrant(documentId, workspace).isPresent());
        if (!known) {
            throw new NotFoundException("no " + type + " " + documentId + " in workspace " + workspace);
        }
        if (KnownDocument.WORKBOOK.equals(type)) {
            return LinkGraph.Node.workbook(documentId, ref == null ? null : Area.parse("ref", ref));
        }
        if (KnownDocument.DATASET.equals(type)) {
            return LinkGraph.Node.dataset(documentId, column, key == null || key.isEmpty() ? null : key);
        }
        throw new InvalidInputException("type", "type is workbook or dataset, not " + type);
    }

    public List<LinkGraph.Hop> upstream(String workspace, LinkGraph.Node start, int depth) {
        return graph.upstream(workspace, start, depth(depth));
    }

    public List<LinkGraph.Hop> downstream(String workspace, LinkGraph.Node start, int depth) {
        return graph.downstream(workspace, start, depth(depth));
    }

    public Impact impact(String workspace, LinkGraph.Node start, int depth) {
        Map<UUID, Long> counts = graph.impact(workspace, start, depth(depth));
        List<Reached> reached = new ArrayList<>();
        counts.forEach((document, cells) -> reached.add(new Reached(document, cells)));
        return new Impact(
                reached,
                reached.size(),
                reached.stream().mapToLong(Reached::cells).sum());
    }

    private static int depth(int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidInputException("depth", "depth is between 1 and " + MAX_DEPTH);
        }
        return depth;
    }
}
