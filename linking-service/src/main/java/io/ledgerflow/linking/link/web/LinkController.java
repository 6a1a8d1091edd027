package io.ledgerflow.linking.link.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.ledgerflow.linking.link.CycleException;
import io.ledgerflow.linking.link.Link;
import io.ledgerflow.linking.link.Links;
import io.ledgerflow.linking.link.NewLink;
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
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Links", description = "Values flowing from one document into cells of another")
@RestController
@RequestMapping("/api/linking/workspaces/{workspace}/links")
class LinkController {

    @Schema(description = "Where linked values come from: a workbook cell or block, or a dataset field or slice")
    record Source(
            @Schema(
                    allowableValues = {"workbook", "dataset"},
                    example = "workbook")
            @NotBlank
            String type,

            @Schema(example = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a") @NotNull
            UUID documentId,

            @Schema(description = "Workbook sources: a cell or block, e.g. Rates!B2 or 'My Sheet'!A1:C3")
            @Size(max = 300)
            String ref,

            @Schema(description = "Dataset sources shared from another workspace: the owner", example = "acme")
            @Size(max = 100)
            String workspace,

            @Schema(description = "Dataset sources: the column", example = "rate") @Size(max = 200)
            String column,

            @Schema(description = "A dataset field: the row's primary-key values", example = "[\"EUR\"]")
            @Size(max = 20)
            List<String> key,

            @Schema(description = "A slice of a dataset column: the rows' keys, in destination order")
            @Size(max = 10000)
            List<List<String>> keys) {}

    @Schema(description = "The cell or block linked values land in (same shape as the source)")
    record Destination(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f") @NotNull
            UUID workbookId,

            @Schema(example = "Sheet1!C3") @JsonAlias("cell") @NotBlank @Size(max = 300)
            String ref) {}

    @Schema(description = "A new link")
    record CreateLink(
            @NotNull @Valid Source source,
            @NotNull @Valid Destination destination,

            @Schema(
                    allowableValues = {"auto", "manual"},
                    description = "auto (default): changes flow at once; manual: held until published")
            String publishMode) {}

    private final Links links;

    LinkController(Links links) {
        this.links = links;
    }

    @Operation(
            summary = "Create a link; the source's current values are delivered at once",
            description = "422 names the field at fault (unknown document, different shapes, no grant, limits);"
                    + " 409 when a destination cell is already linked or the link would close a cycle (with its path)")
    @PostMapping
    ResponseEntity<Link> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateLink request) {
        Source s = request.source();
        Link link = links.create(
                workspace,
                new NewLink(
                        s.type(),
                        s.workspace(),
                        s.documentId(),
                        s.ref(),
                        s.column(),
                        s.key(),
                        s.keys(),
                        request.destination().workbookId(),
                        request.destination().ref(),
                        request.publishMode()));
        return ResponseEntity.created(URI.create("/api/linking/workspaces/" + workspace + "/links/" + link.id()))
                .body(link);
    }

    @Operation(summary = "List the workspace's links, oldest first; pending=true: those holding unpublished values")
    @GetMapping
    List<Link> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "false") boolean pending,
            @Parameter(description = "only links from or into this document") @RequestParam(required = false)
                    UUID document,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return links.list(workspace, pending, document, page, size);
    }

    @Operation(summary = "Get a link, with its status and staleness")
    @GetMapping("/{id}")
    Link get(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return links.get(workspace, id);
    }

    @Operation(summary = "Remove a link; the destination cells keep their last values")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        links.remove(workspace, id);
    }

    @ExceptionHandler(CycleException.class)
    ResponseEntity<ProblemDetail> cycle(CycleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("https://ledgerflow.io/problems/link-cycle"));
        problem.setTitle("Link cycle");
        problem.setProperty("cycle", e.path());
        problem.setProperty("certain", e.certain());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
