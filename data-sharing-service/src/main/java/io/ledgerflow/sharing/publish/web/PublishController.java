package io.ledgerflow.sharing.publish.web;

import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.DatasetVersion;
import io.ledgerflow.sharing.publish.CsvRows;
import io.ledgerflow.sharing.publish.JsonRows;
import io.ledgerflow.sharing.publish.Publication;
import io.ledgerflow.sharing.publish.Publisher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Publishing", description = "Publish immutable versions of a dataset: full or delta, JSON or CSV")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/datasets/{id}/versions")
class PublishController {

    @Schema(
            description = "A new version. full: the rows are the whole version (rows left out are deleted);"
                    + " delta: the rows are upserted whole and the delete keys removed.")
    record PublishRequest(
            @Schema(
                    example = "delta",
                    allowableValues = {"full", "delta"},
                    defaultValue = "full")
            String kind,

            @Schema(
                    description = "the new version's schema; omit to keep it. Adding columns and widening"
                            + " (decimal scale up, decimal to number) are always allowed",
                    example = "[{\"name\":\"currency\",\"type\":\"text\"},{\"name\":\"rate\",\"type\":\"decimal\","
                            + "\"scale\":4},{\"name\":\"asOf\",\"type\":\"date\"}]")
            List<Column> columns,

            @Schema(description = "allow dropping or narrowing columns (full publishes only)", example = "false")
            Boolean allowBreakingSchemaChange,

            @Schema(
                    example = "[{\"currency\":\"EUR\",\"rate\":1.0825,\"asOf\":\"2026-12-01\"},"
                            + "{\"currency\":\"CHF\",\"rate\":1.131,\"asOf\":\"2026-12-01\"}]")
            @Size(max = 100000)
            List<Map<String, Object>> rows,

            @Schema(description = "delta only: the keys of rows to delete", example = "[{\"currency\":\"JPY\"}]")
            @Size(max = 100000)
            List<Map<String, Object>> delete) {}

    @Schema(description = "A published version")
    record VersionView(
            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID datasetId,

            @Schema(example = "2") long version,
            @Schema(example = "delta") String kind,

            @Schema(description = "rows in the version", example = "2")
            long rowCount,

            @Schema(example = "1") long inserted,
            @Schema(example = "1") long updated,
            @Schema(example = "0") long deleted,
            List<Column> columns,
            @Schema(example = "2026-12-02T10:00:00Z") Instant publishedAt) {

        static VersionView of(DatasetVersion version) {
            return new VersionView(
                    version.datasetId(),
                    version.version(),
                    version.kind(),
                    version.rowCount(),
                    version.inserted(),
                    version.updated(),
                    version.deleted(),
                    version.columns(),
                    version.publishedAt());
        }
    }

    private final Publisher publisher;

    PublishController(Publisher publisher) {
        this.publisher = publisher;
    }

    @Operation(
            summary = "Publish the next version from JSON",
            description = "Every row is checked first; a bad one (type, missing or duplicate key, unknown column)"
                    + " rejects the whole publish with a 422 naming rows[i].column. Nothing is half-published.")
    @PostMapping(consumes = "application/json")
    ResponseEntity<VersionView> publish(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Valid @RequestBody PublishRequest request) {
        DatasetVersion version = publisher.publish(
                workspace,
                id,
                new Publication(
                        request.kind(), request.columns(), Boolean.TRUE.equals(request.allowBreakingSchemaChange())),
                new JsonRows(request.rows(), request.delete()));
        return created(workspace, id, version);
    }

    @Operation(
            summary = "Publish the next version from CSV, streamed",
            description = "Line 1 names the columns. In a delta, a column _delete=true deletes the row's key."
                    + " A bad line rejects the whole publish with a 422 naming the line and column.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "text/csv",
                                            examples =
                                                    @ExampleObject(
                                                            value = "currency,rate,asOf\nEUR,1.0825,2026-12-01\n"
                                                                    + "CHF,1.1310,2026-12-01\n"))))
    @PostMapping(consumes = "text/csv")
    ResponseEntity<VersionView> publishCsv(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id,
            @Parameter(example = "full") @RequestParam(defaultValue = "full") String kind,
            HttpServletRequest request)
            throws IOException {
        try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            DatasetVersion version =
                    publisher.publish(workspace, id, new Publication(kind, null, false), new CsvRows(body));
            return created(workspace, id, version);
        }
    }

    private static ResponseEntity<VersionView> created(String workspace, UUID id, DatasetVersion version) {
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + id
                        + "/rows?version=" + version.version()))
                .body(VersionView.of(version));
    }
}
