package io.ledgerflow.sharing.dataset.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.Datasets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Datasets", description = "Define datasets of a workspace and list them")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/datasets")
class DatasetController {

    @Schema(description = "A new dataset: typed columns and a primary key of one or more columns")
    record CreateDataset(
            @Schema(example = "FX rates") @NotBlank @Size(max = 200)
            String name,

            @Schema(
                    example =
                            "[{\"name\":\"currency\",\"type\":\"text\"},"
                                    + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4},{\"name\":\"asOf\",\"type\":\"date\"}]")
            @NotEmpty
            @Size(max = 200)
            List<Column> columns,

            @ArraySchema(
                    arraySchema = @Schema(description = "key columns in order (a single name is accepted too)"),
                    schema = @Schema(example = "currency"))
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @NotEmpty
            List<String> primaryKey) {}

    @Schema(description = "A dataset of a workspace")
    public record DatasetView(
            @Schema(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            UUID id,

            @Schema(example = "acme") String workspace,
            @Schema(example = "FX rates") String name,

            @Schema(
                    example = "[{\"name\":\"currency\",\"type\":\"text\"},"
                            + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4}]")
            List<Column> columns,

            @Schema(example = "[\"currency\"]") List<String> primaryKey,

            @Schema(description = "The newest published version; 0 before the first publish", example = "3")
            long latestVersion,

            @Schema(example = "2026-12-02T10:00:00Z") Instant createdAt) {

        public static DatasetView of(Dataset dataset) {
            return new DatasetView(
                    dataset.id(),
                    dataset.workspace(),
                    dataset.name(),
                    dataset.columns(),
                    dataset.primaryKey(),
                    dataset.latestVersion(),
                    dataset.createdAt());
        }
    }

    @Schema(description = "One page of datasets")
    record DatasetPage(List<DatasetView> items, int page, int size, long total) {}

    private final Datasets datasets;

    DatasetController(Datasets datasets) {
        this.datasets = datasets;
    }

    @Operation(
            summary = "Define a dataset",
            description = "Types: text, number, boolean, date (ISO), decimal with a scale. 422 names the bad"
                    + " column (columns[i].type) or primaryKey.")
    @PostMapping
    ResponseEntity<DatasetView> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateDataset request) {
        Dataset dataset = datasets.create(workspace, request.name(), request.columns(), request.primaryKey());
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + dataset.id()))
                .body(DatasetView.of(dataset));
    }

    @Operation(summary = "List the workspace's datasets, oldest first")
    @GetMapping
    DatasetPage list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "0") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(example = "50") @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<DatasetView> items = datasets.list(workspace, page, size).stream()
                .map(DatasetView::of)
                .toList();
        return new DatasetPage(items, page, size, datasets.count(workspace));
    }

    @Operation(
            summary = "Delete a dataset",
            description = "204; afterwards every read, publish and grant of it is 404, and links from it break"
                    + " (their destinations show #REF!). Another workspace's is 404.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id) {
        datasets.delete(workspace, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Get a dataset: its latest schema and version number; another workspace's is 404")
    @GetMapping("/{id}")
    DatasetView get(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(example = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d") @PathVariable UUID id) {
        return DatasetView.of(datasets.get(workspace, id));
    }
}
