package io.ledgerflow.linking.lineage.web;

import io.ledgerflow.linking.graph.LinkGraph;
import io.ledgerflow.linking.lineage.Lineage;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Lineage", description = "Where values come from and where they go, across documents and datasets")
@RestController
@RequestMapping("/api/linking/workspaces/{workspace}")
class LineageController {

    /** The start and the links followed from it, each hop with its depth. */
    record LineageView(LinkGraph.Node start, List<LinkGraph.Hop> upstream, List<LinkGraph.Hop> downstream) {}

    private final Lineage lineage;

    LineageController(Lineage lineage) {
        this.lineage = lineage;
    }

    @Operation(
            summary = "Upstream and downstream lineage of a document, cell, block, dataset column or field",
            description = "direction: upstream, downstream or both; depth: hops (1..50)")
    @GetMapping("/lineage")
    LineageView lineage(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "workbook") String type,
            @RequestParam UUID documentId,
            @Parameter(example = "Sheet1!C3") @RequestParam(required = false) String ref,
            @RequestParam(required = false) String column,
            @RequestParam(required = false) List<String> key,
            @RequestParam(defaultValue = "both") String direction,
            @RequestParam(defaultValue = "5") int depth) {
        LinkGraph.Node start = lineage.node(workspace, type, documentId, ref, column, key);
        boolean up = !direction.equals("downstream");
        boolean down = !direction.equals("upstream");
        return new LineageView(
                start,
                up ? lineage.upstream(workspace, start, depth) : List.of(),
                down ? lineage.downstream(workspace, start, depth) : List.of());
    }

    @Operation(summary = "What a change here reaches: every downstream document with its cell count")
    @GetMapping("/impact")
    Lineage.Impact impact(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "workbook") String type,
            @RequestParam UUID documentId,
            @RequestParam(required = false) String ref,
            @RequestParam(required = false) String column,
            @RequestParam(required = false) List<String> key,
            @RequestParam(defaultValue = "" + Lineage.MAX_DEPTH) int depth) {
        return lineage.impact(workspace, lineage.node(workspace, type, documentId, ref, column, key), depth);
    }
}
