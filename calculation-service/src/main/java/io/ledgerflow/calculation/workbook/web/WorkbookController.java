package io.ledgerflow.calculation.workbook.web;

import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.service.web.Workspaces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
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

@Tag(name = "Workbooks", description = "Workbooks of a workspace")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks")
class WorkbookController {

    @Schema(description = "A new workbook")
    record CreateWorkbook(
            @Schema(description = "Display name", example = "FY2026 budget") @NotBlank @Size(max = 200)
            String name) {}

    @Schema(description = "A workbook of a workspace")
    record WorkbookView(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f")
            UUID id,

            @Schema(example = "acme") String workspace,
            @Schema(example = "FY2026 budget") String name,

            @Schema(description = "Increases with every change", example = "1")
            long revision,

            Instant createdAt) {

        static WorkbookView of(Workbook workbook) {
            return new WorkbookView(
                    workbook.id(), workbook.workspace(), workbook.name(), workbook.revision(), workbook.createdAt());
        }
    }

    @Schema(description = "One page of workbooks")
    record WorkbookPage(List<WorkbookView> items, int page, int size, long total) {}

    private final Workbooks workbooks;

    WorkbookController(Workbooks workbooks) {
        this.workbooks = workbooks;
    }

    @Operation(summary = "Create a workbook")
    @PostMapping
    ResponseEntity<WorkbookView> create(
            @Parameter(example = "acme")
                    @PathVariable
                    @Pattern(regexp = Workspaces.PATTERN, message = Workspaces.MESSAGE)
                    String workspace,
            @Valid @RequestBody CreateWorkbook request) {
        Workbook workbook = workbooks.create(workspace, request.name());
        return ResponseEntity.created(URI.create("/api/calc/workspaces/" + workspace + "/workbooks/" + workbook.id()))
                .body(WorkbookView.of(workbook));
    }

    @Operation(summary = "List the workspace's workbooks, oldest first")
    @GetMapping
    WorkbookPage list(
            @Parameter(example = "acme")
                    @PathVariable
                    @Pattern(regexp = Workspaces.PATTERN, message = Workspaces.MESSAGE)
                    String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<WorkbookView> items = workbooks.list(workspace, page, size).stream()
                .map(WorkbookView::of)
                .toList();
        return new WorkbookPage(items, page, size, workbooks.count(workspace));
    }

    @Operation(summary = "Get a workbook")
    @GetMapping("/{id}")
    WorkbookView get(
            @Parameter(example = "acme")
                    @PathVariable
                    @Pattern(regexp = Workspaces.PATTERN, message = Workspaces.MESSAGE)
                    String workspace,
            @PathVariable UUID id) {
        return WorkbookView.of(workbooks.get(workspace, id));
    }

    @Operation(summary = "Delete a workbook (recorded as a revision; its history stays)")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @Parameter(example = "acme")
                    @PathVariable
                    @Pattern(regexp = Workspaces.PATTERN, message = Workspaces.MESSAGE)
                    String workspace,
            @PathVariable UUID id) {
        workbooks.delete(workspace, id);
    }
}
