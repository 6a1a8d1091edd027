package io.ledgerflow.calculation.cell.web;

import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.web.RevisionTags;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Cells", description = "Read and set cells; every edit is a new revision")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks/{id}")
class CellController {

    @Schema(description = "A cell's new content: a number, text, boolean, null (clear) or a formula starting with =")
    record SetCell(@Schema(example = "=SUM(A1:A10)*1.2") Object content) {}

    @Schema(description = "One cell of a batch edit")
    record CellInput(
            @Schema(example = "Sheet1!B2") @NotNull String ref,
            @Schema(example = "=B1*2") Object content) {}

    @Schema(description = "Cells set atomically in one revision")
    record BatchEdit(@NotNull @Valid List<CellInput> cells) {}

    private final Cells cells;

    CellController(Cells cells) {
        this.cells = cells;
    }

    @Operation(
            summary = "Read a cell or a block (Sheet1!A1 or Sheet1!A1:C10)",
            description = "Values, formulas and errors at the latest revision, or at `revision`. With "
                    + "`minRevision`, waits briefly until the workbook reached it (read-your-writes).")
    @GetMapping("/cells/{range}")
    ResponseEntity<Cells.Read> read(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "Sheet1!A1:C10") @PathVariable String range,
            @Parameter(description = "Read as of this revision") @RequestParam(required = false) Long revision,
            @Parameter(description = "Wait until at least this revision") @RequestParam(required = false)
                    Long minRevision) {
        Cells.Read read = cells.read(workspace, id, range, revision, minRevision);
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, RevisionTags.etag(read.revision()))
                .body(read);
    }

    @Operation(
            summary = "Set one cell",
            description = "Send `If-Match: \"<revision>\"` to fail with 412 if the workbook moved on.")
    @PutMapping("/cells/{ref}")
    ResponseEntity<Cells.Edit> set(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(example = "Sheet1!B2") @PathVariable String ref,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody SetCell request) {
        Cells.Edit edit = cells.set(
                workspace,
                id,
                RevisionTags.ifMatch(ifMatch),
                List.of(new Cells.CellInput(ref, request.content())),
                "user");
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, RevisionTags.etag(edit.revision()))
                .body(edit);
    }

    @Operation(
            summary = "Set many cells atomically in one revision",
            description = "All or nothing: one bad cell rejects the batch.")
    @PostMapping("/edits")
    ResponseEntity<Cells.Edit> batch(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BatchEdit request) {
        Cells.Edit edit = cells.set(
                workspace,
                id,
                RevisionTags.ifMatch(ifMatch),
                request.cells().stream()
                        .map(cell -> new Cells.CellInput(cell.ref(), cell.content()))
                        .toList(),
                "user");
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, RevisionTags.etag(edit.revision()))
                .body(edit);
    }
}
