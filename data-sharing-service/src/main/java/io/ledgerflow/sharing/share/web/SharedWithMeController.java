package io.ledgerflow.sharing.share.web;

import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.read.Reads;
import io.ledgerflow.sharing.read.web.ReadParams;
import io.ledgerflow.sharing.read.web.RowViews.ChangePageView;
import io.ledgerflow.sharing.read.web.RowViews.RowPageView;
import io.ledgerflow.sharing.share.Grants;
import io.ledgerflow.sharing.share.Grants.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A grantee's view of datasets shared with it, under its own workspace's path (so the gateway's
 * check of the caller's workspace holds). Every read shows only the grant's columns and rows; without
 * an active grant the dataset is 404.
 */
@Tag(name = "Shared with me", description = "Datasets other workspaces shared with this one, read through the grant")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/shared-with-me")
class SharedWithMeController {

    @Schema(description = "A dataset shared with this workspace, as the grant shows it")
    record SharedDataset(
            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID datasetId,

            @Schema(description = "the owner", example = "acme")
            String workspace,

            @Schema(example = "FX rates") String name,
            List<Column> columns,
            @Schema(example = "[\"currency\"]") List<String> primaryKey,
            @Schema(example = "3") long latestVersion,

            @Schema(example = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e")
            UUID grantId,

            @Schema(example = "[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]")
            List<Condition> rowFilter,

            @Schema(example = "2026-12-02T10:00:00Z") Instant grantedAt) {

        static SharedDataset of(Access access) {
            return new SharedDataset(
                    access.dataset().id(),
                    access.dataset().workspace(),
                    access.dataset().name(),
                    access.dataset().columns().stream()
                            .filter(c -> access.grant().slice().shows(c.name()))
                            .toList(),
                    access.dataset().primaryKey(),
                    access.dataset().latestVersion(),
                    access.grant().id(),
                    access.grant().rowFilter(),
                    access.grant().grantedAt());
        }
    }

    private final Grants grants;
    private final Reads reads;

    SharedWithMeController(Grants grants, Reads reads) {
        this.grants = grants;
        this.reads = reads;
    }

    @Operation(summary = "The datasets shared with this workspace now (active grants), oldest grant first")
    @GetMapping
    List<SharedDataset> list(@Parameter(example = "globex") @PathVariable @WorkspaceId String workspace) {
        return grants.sharedWith(workspace).stream().map(SharedDataset::of).toList();
    }

    @Operation(summary = "A dataset shared with this workspace; 404 without an active grant")
    @GetMapping("/{datasetId}")
    SharedDataset get(
            @Parameter(example = "globex") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID datasetId) {
        return SharedDataset.of(grants.access(workspace, datasetId));
    }

    @Operation(
            summary = "A page of the shared rows: latest, ?version=N or ?asOf=<time>",
            description = "As the owner's /rows, within the grant's columns and rows. filter=" + ReadParams.FILTER)
    @GetMapping("/{datasetId}/rows")
    RowPageView rows(
            @Parameter(example = "globex") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID datasetId,
            @ParameterObject @Valid ReadParams.Rows params) {
        Access access = grants.access(workspace, datasetId);
        return RowPageView.of(
                reads.rows(access.dataset(), params.query(), access.grant().slice()));
    }

    @Operation(summary = "One shared row by its key; 404 when the grant does not show it")
    @GetMapping("/{datasetId}/rows/by-key")
    RowPageView row(
            @Parameter(example = "globex") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID datasetId,
            @ParameterObject @Valid ReadParams.Row params) {
        Access access = grants.access(workspace, datasetId);
        return RowPageView.of(reads.row(
                access.dataset(), params.key(), params.query(), access.grant().slice()));
    }

    @Operation(
            summary = "The change feed of the shared slice between two versions",
            description = "A row entering the grant's row filter is inserted, one leaving it deleted; changes"
                    + " only to columns the grant hides do not appear.")
    @GetMapping("/{datasetId}/changes")
    ChangePageView changes(
            @Parameter(example = "globex") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID datasetId,
            @ParameterObject @Valid ReadParams.Changes params) {
        Access access = grants.access(workspace, datasetId);
        return ChangePageView.of(reads.changes(
                access.dataset(),
                params.from(),
                params.to(),
                params.cursor(),
                params.pageSize(),
                access.grant().slice()));
    }
}
