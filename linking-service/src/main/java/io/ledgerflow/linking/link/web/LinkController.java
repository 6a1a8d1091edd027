package io.ledgerflow.linking.link.web;

import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.link.Links;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Links", description = "Values flowing from one document into a cell of another")
@RestController
@RequestMapping("/api/linking/workspaces/{workspace}/links")
class LinkController {

    @Schema(description = "Where a linked value comes from")
    record Source(
            @Schema(
                    allowableValues = {"workbook", "dataset"},
                    example = "workbook")
            @NotBlank
            String type,

            @Schema(example = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a") @NotNull
            UUID documentId,

            @Schema(description = "A cell or range of a workbook, or column:key of a dataset", example = "Rates!B2")
            @NotBlank
            @Size(max = 300)
            String ref) {}

    @Schema(description = "The cell a linked value lands in")
    record Destination(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f") @NotNull
            UUID workbookId,

            @Schema(example = "Sheet1!C3") @NotBlank @Size(max = 300)
            String cell) {}

    @Schema(description = "A new link")
    record CreateLink(
            @NotNull @Valid Source source, @NotNull @Valid Destination destination) {}

    private final Links links;

    LinkController(Links links) {
        this.links = links;
    }

    @Operation(summary = "Create a link; both documents must be known to linking in this workspace")
    @PostMapping
    ResponseEntity<Link> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateLink request) {
        Link link = links.create(
                workspace,
                request.source().type(),
                request.source().documentId(),
                request.source().ref(),
                request.destination().workbookId(),
                request.destination().cell());
        return ResponseEntity.created(URI.create("/api/linking/workspaces/" + workspace + "/links/" + link.id()))
                .body(link);
    }

    @Operation(summary = "List the workspace's links, oldest first")
    @GetMapping
    List<Link> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return links.list(workspace, page, size);
    }

    @Operation(summary = "Get a link")
    @GetMapping("/{id}")
    Link get(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return links.get(workspace, id);
    }

    @Operation(summary = "Remove a link")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        links.remove(workspace, id);
    }
}
