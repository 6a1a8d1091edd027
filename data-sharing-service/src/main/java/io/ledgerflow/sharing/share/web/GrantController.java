package io.ledgerflow.sharing.share.web;

import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.read.Condition;
import io.ledgerflow.sharing.share.Grant;
import io.ledgerflow.sharing.share.Grants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Sharing", description = "Grant a dataset to other workspaces, list the grants, revoke them")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/datasets/{id}/grants")
class GrantController {

    @Schema(
            description = "Read access for another workspace: all columns or a subset (with the key), all rows or"
                    + " those matching every condition")
    record GrantRequest(
            @Schema(example = "globex") @NotNull @WorkspaceId
            String grantee,

            @Schema(description = "omit for every column", example = "[\"currency\",\"rate\"]") @Size(max = 200)
            List<String> columns,

            @Schema(
                    description = "op one of eq, ne, lt, le, gt, ge",
                    example = "[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]")
            @Size(max = 50)
            List<Condition> rowFilter) {}

    @Schema(description = "A grant; revokedBy/revokedAt are null while it is active")
    record GrantView(
            @Schema(example = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e")
            UUID id,

            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID datasetId,

            @Schema(example = "acme") String workspace,
            @Schema(example = "globex") String grantee,
            @Schema(example = "[\"currency\",\"rate\"]") List<String> columns,

            @Schema(example = "[{\"column\":\"currency\",\"op\":\"ne\",\"value\":\"RUB\"}]")
            List<Condition> rowFilter,

            @Schema(example = "alice") String grantedBy,
            @Schema(example = "2026-12-02T10:00:00Z") Instant grantedAt,
            @Schema(example = "alice") String revokedBy,
            @Schema(example = "2026-12-02T11:00:00Z") Instant revokedAt,
            @Schema(example = "true") boolean active) {

        static GrantView of(Grant grant) {
            return new GrantView(
                    grant.id(),
                    grant.datasetId(),
                    grant.workspace(),
                    grant.grantee(),
                    grant.columns(),
                    grant.rowFilter(),
                    grant.grantedBy(),
                    grant.grantedAt(),
                    grant.revokedBy(),
                    grant.revokedAt(),
                    grant.active());
        }
    }

    private final Grants grants;

    GrantController(Grants grants) {
        this.grants = grants;
    }

    @Operation(
            summary = "Grant read access to another workspace",
            description = "409 when the grantee already has an active grant; 422 for unknown columns, a subset"
                    + " without the key columns, or a bad condition.")
    @PostMapping
    ResponseEntity<GrantView> grant(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Valid @RequestBody GrantRequest request,
            HttpServletRequest http) {
        Grant grant =
                grants.grant(workspace, id, request.grantee(), request.columns(), request.rowFilter(), caller(http));
        return ResponseEntity.created(URI.create(
                        "/api/sharing/workspaces/" + workspace + "/datasets/" + id + "/grants/" + grant.id()))
                .body(GrantView.of(grant));
    }

    @Operation(summary = "Every grant of the dataset, active and revoked, oldest first (the history)")
    @GetMapping
    List<GrantView> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id) {
        return grants.list(workspace, id).stream().map(GrantView::of).toList();
    }

    @Operation(summary = "One grant")
    @GetMapping("/{grantId}")
    GrantView get(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Parameter(example = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e") @PathVariable UUID grantId) {
        return GrantView.of(grants.get(workspace, id, grantId));
    }

    @Operation(
            summary = "Revoke a grant: the grantee's reads stop at once",
            description = "The grant stays in the history with revokedBy/revokedAt; revoking it again is 409.")
    @DeleteMapping("/{grantId}")
    GrantView revoke(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Parameter(example = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e") @PathVariable UUID grantId,
            HttpServletRequest http) {
        return GrantView.of(grants.revoke(workspace, id, grantId, caller(http)));
    }

    /** Who is calling: the authenticated principal (the JWT subject) when security is in place. */
    private static String caller(HttpServletRequest http) {
        Principal principal = http.getUserPrincipal();
        return principal == null || principal.getName() == null ? "unknown" : principal.getName();
    }
}
