package io.ledgerflow.calculation.structure.web;

import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.structure.Structures;
import io.ledgerflow.calculation.web.RevisionTags;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Structure", description = "Sheets, rows, columns and moves; references follow as in Excel")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks/{id}")
class StructureController {

    @Schema(description = "A new sheet, with optional contents")
    record NewSheet(@Schema(example = "Rates") @NotBlank String name, List<List<Object>> rows) {}

    @Schema(description = "A sheet's new name")
    record SheetRename(
            @Schema(example = "FX rates") @NotBlank String name) {}

    @Schema(description = "Where to insert, and how many")
    record Insertion(
            @Schema(description = "0-based index to insert before", example = "2") @NotNull
            Integer at,

            @Schema(example = "1") @NotNull Integer count) {}

    @Schema(description = "A block to cut and paste")
    record Move(
            @Schema(example = "Sheet1!A1:B3") @NotBlank String from,
            @Schema(example = "Sheet2!D5") @NotBlank String to) {}

    private final Structures structures;

    StructureController(Structures structures) {
        this.structures = structures;
    }

    @Operation(summary = "Add a sheet after the others")
    @PostMapping("/sheets")
    ResponseEntity<Cells.Edit> addSheet(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody NewSheet request) {
        return edited(
                structures.addSheet(workspace, id, RevisionTags.ifMatch(ifMatch), request.name(), request.rows()));
    }

    @Operation(summary = "Rename a sheet; formulas referring to it follow")
    @PatchMapping("/sheets/{sheet}")
    ResponseEntity<Cells.Edit> renameSheet(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable String sheet,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody SheetRename request) {
        return edited(structures.renameSheet(workspace, id, RevisionTags.ifMatch(ifMatch), sheet, request.name()));
    }

    @Schema(description = "Every sheet, in the new order")
    record SheetOrder(
            @Schema(example = "[\"Summary\", \"Sheet1\"]") @NotNull
            List<String> sheets) {}

    @Operation(summary = "Reorder the sheets (name every sheet once)")
    @PutMapping("/sheet-order")
    ResponseEntity<Cells.Edit> reorderSheets(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody SheetOrder request) {
        return edited(structures.reorderSheets(workspace, id, RevisionTags.ifMatch(ifMatch), request.sheets()));
    }

    @Operation(summary = "Remove a sheet; references to it become #REF!")
    @DeleteMapping("/sheets/{sheet}")
    ResponseEntity<Cells.Edit> removeSheet(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable String sheet,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return edited(structures.removeSheet(workspace, id, RevisionTags.ifMatch(ifMatch), sheet));
    }

    @Operation(summary = "Insert rows or columns before a 0-based index")
    @PostMapping("/sheets/{sheet}/{axis:rows|columns}")
    ResponseEntity<Cells.Edit> insert(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable String sheet,
            @Parameter(description = "rows or columns") @PathVariable String axis,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Insertion request) {
        return edited(structures.restructure(
                workspace,
                id,
                RevisionTags.ifMatch(ifMatch),
                sheet,
                isRows(axis),
                true,
                request.at(),
                request.count()));
    }

    @Operation(summary = "Delete rows or columns; references to them become #REF!")
    @DeleteMapping("/sheets/{sheet}/{axis:rows|columns}")
    ResponseEntity<Cells.Edit> delete(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable String sheet,
            @Parameter(description = "rows or columns") @PathVariable String axis,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam int at,
            @RequestParam(defaultValue = "1") int count) {
        return edited(structures.restructure(
                workspace, id, RevisionTags.ifMatch(ifMatch), sheet, isRows(axis), false, at, count));
    }

    private static boolean isRows(String axis) {
        return axis.equals("rows");
    }

    @Operation(summary = "Move (cut and paste) a block; references into it follow")
    @PostMapping("/moves")
    ResponseEntity<Cells.Edit> move(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Move request) {
        return edited(structures.move(workspace, id, RevisionTags.ifMatch(ifMatch), request.from(), request.to()));
    }

    private static ResponseEntity<Cells.Edit> edited(Cells.Edit edit) {
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, RevisionTags.etag(edit.revision()))
                .body(edit);
    }
}
