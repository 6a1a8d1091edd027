package io.ledgerflow.calculation.revision.web;

import io.ledgerflow.calculation.derivation.Derivations;
import io.ledgerflow.calculation.document.RevisionLog;
import io.ledgerflow.calculation.revision.Revisions;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Revisions and lineage", description = "A workbook's past, and where its values come from")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks/{id}")
class RevisionController {

    private final Revisions revisions;
    private final Derivations derivations;

    RevisionController(Revisions revisions, Derivations derivations) {
        this.revisions = revisions;
        this.derivations = derivations;
    }

    @Operation(summary = "List revisions, newest first: what operation made each, and from where")
    @GetMapping("/revisions")
    List<RevisionLog.Entry> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return revisions.list(workspace, id, page, size);
    }

    @Operation(summary = "Cells whose contents or values differ between two revisions")
    @GetMapping("/revisions/{to}/diff")
    Revisions.Diff diff(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "5") @PathVariable long to,
            @Parameter(example = "1") @RequestParam long from) {
        return revisions.diff(workspace, id, from, to);
    }

    @Operation(summary = "A cell's history: each value it took and the revision it took it at")
    @GetMapping("/cells/{ref}/history")
    Revisions.History history(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "Sheet1!C1") @PathVariable String ref) {
        return revisions.history(workspace, id, ref);
    }

    @Operation(summary = "Precedents or dependents of a cell, transitive to a depth")
    @GetMapping("/cells/{ref}/dependencies")
    Derivations.Dependencies dependencies(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "Sheet1!C1") @PathVariable String ref,
            @Parameter(description = "precedents or dependents") @RequestParam(defaultValue = "precedents")
                    String direction,
            @RequestParam(defaultValue = "1") @Min(1) @Max(50) int depth,
            @RequestParam(required = false) Long revision) {
        return derivations.dependencies(workspace, id, ref, direction, depth, revision);
    }

    @Operation(
            summary = "Explain a value: its formula and inputs with their values, recursively",
            description = "Inputs set from outside the workbook by a link carry `external` with the link and the"
                    + " source revision.")
    @GetMapping("/cells/{ref}/explain")
    Derivations.Explanation explain(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "Sheet1!C1") @PathVariable String ref,
            @RequestParam(defaultValue = "3") @Min(0) @Max(20) int depth,
            @RequestParam(required = false) Long revision) {
        return derivations.explain(workspace, id, ref, depth, revision);
    }
}
