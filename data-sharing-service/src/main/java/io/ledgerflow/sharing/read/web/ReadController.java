package io.ledgerflow.sharing.read.web;

import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.read.Reads;
import io.ledgerflow.sharing.read.Reads.RowQuery;
import io.ledgerflow.sharing.read.Slice;
import io.ledgerflow.sharing.read.web.RowViews.ChangePageView;
import io.ledgerflow.sharing.read.web.RowViews.RowPageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Reads", description = "Rows of a version (latest, as of a version or a time) and the change feed")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/datasets/{id}")
class ReadController {

    private final Datasets datasets;
    private final Reads reads;

    ReadController(Datasets datasets, Reads reads) {
        this.datasets = datasets;
        this.reads = reads;
    }

    @Operation(
            summary = "A page of rows: latest, ?version=N or ?asOf=<time>, filtered and projected",
            description = "Rows in key order, by index. filter=" + ReadParams.FILTER + "; columns=a,b projects."
                    + " 404 for an unknown version or a time before the first version.")
    @GetMapping("/rows")
    RowPageView rows(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @ParameterObject @Valid ReadParams.Rows params) {
        return RowPageView.of(reads.rows(datasets.get(workspace, id), params.query(), Slice.ALL));
    }

    @Operation(summary = "The rows of version N (as /rows?version=N)")
    @GetMapping("/versions/{version}")
    RowPageView version(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Parameter(example = "1") @PathVariable long version,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(example = "1000") @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return RowPageView.of(reads.rows(
                datasets.get(workspace, id), new RowQuery(version, null, cursor, limit, null, null), Slice.ALL));
    }

    @Operation(summary = "One row by its key (repeat key for each key column, in key order)")
    @GetMapping("/rows/by-key")
    RowPageView row(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @ParameterObject @Valid ReadParams.Row params) {
        return RowPageView.of(reads.row(datasets.get(workspace, id), params.key(), params.query(), Slice.ALL));
    }

    @Operation(
            summary = "The change feed between two versions: inserted, updated (before/after), deleted rows",
            description = "from=0 is the empty dataset; to defaults to the latest version. Paginated by key.")
    @GetMapping("/changes")
    ChangePageView changes(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @ParameterObject @Valid ReadParams.Changes params) {
        return ChangePageView.of(reads.changes(
                datasets.get(workspace, id),
                params.from(),
                params.to(),
                params.cursor(),
                params.pageSize(),
                Slice.ALL));
    }
}
