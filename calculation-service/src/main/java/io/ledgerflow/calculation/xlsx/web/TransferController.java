package io.ledgerflow.calculation.xlsx.web;

import io.ledgerflow.calculation.document.DefinedName;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.web.RevisionTags;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.calculation.xlsx.ImportReport;
import io.ledgerflow.calculation.xlsx.XlsxFiles;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.PayloadTooLargeException;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Import and export", description = "Workbooks in and out as .xlsx files or JSON")
@RestController
@RequestMapping("/api/calc/workspaces/{workspace}/workbooks")
class TransferController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The JSON export: the same shape the create operation imports. */
    record WorkbookContents(
            String name,
            long revision,
            Map<String, List<List<Object>>> sheets,
            List<DefinedName> names,
            int dateSystem) {}

    private final Workbooks workbooks;
    private final WorkbookDocuments documents;
    private final XlsxFiles xlsx;
    private final long maxUploadBytes;

    TransferController(
            Workbooks workbooks,
            WorkbookDocuments documents,
            XlsxFiles xlsx,
            @Value("${ledgerflow.calculation.max-upload-size:20MB}") DataSize maxUpload) {
        this.workbooks = workbooks;
        this.documents = documents;
        this.xlsx = xlsx;
        this.maxUploadBytes = maxUpload.toBytes();
    }

    @Operation(
            summary = "Import an .xlsx file as a new workbook",
            description = "Send the file as the request body with Content-Type " + XLSX
                    + ". Sheet names, formulas (array formulas included), constants, defined names (workbook"
                    + " and sheet-scoped) and the date system (1900 or 1904) are imported; the engine computes"
                    + " the values. `namesNotImported` lists the names it left out and why; `notComputed` lists, cell by cell, the formulas it could not compute"
                    + " and why (unknown functions or names, circular references, blocked arrays): `total` and"
                    + " up to 1,000 `cells`.")
    @PostMapping(
            path = "/import",
            consumes = {XLSX, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Map<String, Object>> importXlsx(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "FY2026 budget") @RequestParam @NotBlank @Size(max = 200) String name,
            HttpServletRequest request)
            throws IOException {
        byte[] file = readLimited(request.getInputStream());
        if (file.length == 0) {
            throw new InvalidInputException("file", "the request body is empty; send the .xlsx file as the body");
        }
        XlsxFiles.Imported imported = xlsx.read(file);
        Workbook workbook = workbooks.create(workspace, name, imported.contents());
        ImportReport.Summary report = documents.read(workbook.id(), workbook.revision(), ImportReport::of);
        return ResponseEntity.created(URI.create("/api/calc/workspaces/" + workspace + "/workbooks/" + workbook.id()))
                .header(HttpHeaders.ETAG, RevisionTags.etag(workbook.revision()))
                .body(Map.of(
                        "id",
                        workbook.id(),
                        "name",
                        workbook.name(),
                        "revision",
                        workbook.revision(),
                        "dateSystem",
                        workbook.dateSystem(),
                        "notComputed",
                        report,
                        "namesNotImported",
                        imported.skippedNames()));
    }

    @Operation(summary = "Export a workbook (at its latest revision or at `revision`) as .xlsx or JSON")
    @GetMapping("/{id}/export")
    ResponseEntity<?> export(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Parameter(description = "xlsx or json") @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) Long revision) {
        Workbook workbook = workbooks.getIncludingDeleted(workspace, id);
        long at = workbook.revisionToRead(revision);
        Map<String, Map<Long, int[]>> arrays = new java.util.HashMap<>();
        io.ledgerflow.calculation.document.Operation.Create contents =
                documents.read(id, workbook.revision(), at, loaded -> {
                    if (at == loaded.revision()) {
                        arrays.putAll(loaded.spillAreas()); // the areas of dynamic arrays, for array formulas
                    }
                    return loaded.snapshot(at);
                });
        return switch (format) {
            case "json" ->
                ResponseEntity.ok()
                        .header(HttpHeaders.ETAG, RevisionTags.etag(at))
                        .body(new WorkbookContents(
                                workbook.name(),
                                at,
                                contents.sheets(),
                                contents.definedNames(),
                                contents.in1904() ? 1904 : 1900));
            case "xlsx" ->
                ResponseEntity.ok()
                        .header(HttpHeaders.ETAG, RevisionTags.etag(at))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(workbook.name() + ".xlsx")
                                        .build()
                                        .toString())
                        .contentType(MediaType.parseMediaType(XLSX))
                        .body(xlsx.write(contents, arrays));
            default -> throw new InvalidInputException("format", "format is xlsx or json, not " + format);
        };
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] file = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
        if (file.length > maxUploadBytes) {
            throw new PayloadTooLargeException("an upload is at most " + maxUploadBytes + " bytes");
        }
        return file;
    }
}
