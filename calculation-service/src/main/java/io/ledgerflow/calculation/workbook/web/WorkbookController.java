package io.ledgerflow.calculation.workbook.web;

import io.ledgerflow.calculation.document.DefinedName;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.web.RevisionTags;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workbooks", description = "Workbooks of a workspace")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks")
class WorkbookController {

    @Schema(description = "A new workbook, empty (one sheet, Sheet1) or imported from sheets of contents")
    record CreateWorkbook(
            @Schema(description = "Display name", example = "FY2026 budget") @NotBlank @Size(max = 200)
            String name,

            @Schema(
                    description = "Optional sheets: name to rows of contents (number, text, boolean, null,"
                            + " or a formula starting with =)",
                    example = "{\"Sheet1\": [[100, 200, \"=A1+B1\"]], \"Rates\": [[\"EUR\", 1.1]]}")
            Map<String, List<List<Object>>> sheets,

            @Schema(
                    description = "Optional defined names: `name`, `formula`, and `sheet` for a name of one"
                            + " sheet (it shadows a workbook name there); null for the workbook's",
                    example = "[{\"name\": \"Rate\", \"formula\": \"=Rates!$B$1\"}]")
            List<DefinedName> names,

            @Schema(description = "1900 (default) or 1904: the date system its serial dates count in", example = "1900")
            Integer dateSystem) {}

    @Schema(description = "A sheet and the size of its used area")
    record SheetView(@Schema(example = "Sheet1") String name, int rows, int columns) {}

    @Schema(description = "A workbook of a workspace")
    record WorkbookView(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f")
            UUID id,

            @Schema(example = "acme") String workspace,
            @Schema(example = "FY2026 budget") String name,

            @Schema(description = "Increases with every change; also the ETag", example = "1")
            long revision,

            Instant createdAt,

            @Schema(description = "1900, or 1904 when serial dates count from 1904-01-01", example = "1900")
            int dateSystem,

            @Schema(description = "Present when reading one workbook")
            List<SheetView> sheets,

            @Schema(description = "Its defined names; present when reading one workbook")
            List<DefinedName> names) {

        static WorkbookView of(Workbook workbook, Contents contents) {
            return new WorkbookView(
                    workbook.id(),
                    workbook.workspace(),
                    workbook.name(),
                    workbook.revision(),
                    workbook.createdAt(),
                    workbook.dateSystem(),
                    contents == null ? null : contents.sheets(),
                    contents == null ? null : contents.names());
        }
    }

    /** What a read of one workbook adds: its sheets and names. */
    record Contents(List<SheetView> sheets, List<DefinedName> names) {}

    @Schema(description = "One page of workbooks")
    record WorkbookPage(List<WorkbookView> items, int page, int size, long total) {}

    private final Workbooks workbooks;
    private final WorkbookDocuments documents;

    WorkbookController(Workbooks workbooks, WorkbookDocuments documents) {
        this.workbooks = workbooks;
        this.documents = documents;
    }

    @Operation(summary = "Create a workbook, empty or from sheets of contents (the engine runner's JSON format)")
    @PostMapping
    ResponseEntity<WorkbookView> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateWorkbook request) {
        if (request.dateSystem() != null && request.dateSystem() != 1900 && request.dateSystem() != 1904) {
            throw new InvalidInputException(
                    "dateSystem", "the date system is 1900 or 1904, not " + request.dateSystem());
        }
        Workbook workbook = workbooks.create(
                workspace,
                request.name(),
                new io.ledgerflow.calculation.document.Operation.Create(
                        request.sheets() == null ? Map.of("Sheet1", List.of()) : request.sheets(),
                        request.names(),
                        request.dateSystem() != null && request.dateSystem() == 1904 ? true : null));
        return ResponseEntity.created(URI.create("/api/calc/workspaces/" + workspace + "/workbooks/" + workbook.id()))
                .header(HttpHeaders.ETAG, RevisionTags.etag(workbook.revision()))
                .body(WorkbookView.of(workbook, sheets(workbook)));
    }

    @Operation(summary = "List the workspace's workbooks, oldest first")
    @GetMapping
    WorkbookPage list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<WorkbookView> items = workbooks.list(workspace, page, size).stream()
                .map(workbook -> WorkbookView.of(workbook, null))
                .toList();
        return new WorkbookPage(items, page, size, workbooks.count(workspace));
    }

    @Operation(summary = "Get a workbook: its sheets, their sizes and the current revision (also the ETag)")
    @GetMapping("/{id}")
    ResponseEntity<WorkbookView> get(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        Workbook workbook = workbooks.get(workspace, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, RevisionTags.etag(workbook.revision()))
                .body(WorkbookView.of(workbook, sheets(workbook)));
    }

    @Operation(summary = "Delete a workbook (recorded as a revision; its history stays)")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        workbooks.delete(workspace, id, RevisionTags.ifMatch(ifMatch));
    }

    private Contents sheets(Workbook workbook) {
        return documents.read(
                workbook.id(),
                workbook.revision(),
                loaded -> new Contents(
                        loaded.sheetNames().stream()
                                .map(name -> {
                                    int[] size = loaded.sheetSize(name);
                                    return new SheetView(name, size[0], size[1]);
                                })
                                .toList(),
                        loaded.names()));
    }
}
