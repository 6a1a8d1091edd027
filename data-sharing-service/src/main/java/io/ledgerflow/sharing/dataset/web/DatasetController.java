package io.ledgerflow.sharing.dataset.web;

import io.ledgerflow.service.web.WorkspaceId;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.Datasets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Datasets", description = "Immutable, versioned datasets of a workspace")
@RestController
@RequestMapping("/api/sharing/workspaces/{workspace}/datasets")
class DatasetController {

    @Schema(description = "A new dataset: typed columns and the primary-key column")
    record CreateDataset(
            @Schema(example = "FX rates") @NotBlank @Size(max = 200)
            String name,

            @Schema(example = "[{\"name\":\"currency\",\"type\":\"text\"},{\"name\":\"rate\",\"type\":\"number\"}]")
            @NotEmpty
            @Size(max = 200)
            List<Dataset.Column> columns,

            @Schema(example = "currency") @NotBlank String primaryKey) {}

    @Schema(description = "The rows of a new version")
    record Publish(
            @Schema(example = "[{\"currency\":\"EUR\",\"rate\":1.08},{\"currency\":\"GBP\",\"rate\":1.27}]")
            @NotNull
            @Size(max = 100000)
            List<Map<String, Object>> rows) {}

    @Schema(description = "A dataset of a workspace")
    record DatasetView(
            @Schema(example = "0b6f8f2e-3c1d-4f7a-9a43-5d7e0c1b2a3f")
            UUID id,

            @Schema(example = "acme") String workspace,
            @Schema(example = "FX rates") String name,

            @Schema(example = "[{\"name\":\"currency\",\"type\":\"text\"},{\"name\":\"rate\",\"type\":\"number\"}]")
            List<Dataset.Column> columns,

            @Schema(example = "currency") String primaryKey,

            @Schema(description = "The newest published version; 0 before the first publish", example = "3")
            long latestVersion,

            Instant createdAt) {

        static DatasetView of(Dataset dataset) {
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

    @Schema(description = "The rows of one version, in the order they were published")
    record VersionRows(
            UUID datasetId,
            @Schema(example = "3") long version,

            @Schema(example = "[{\"currency\":\"EUR\",\"rate\":1.08}]")
            List<Map<String, Object>> rows) {

        static VersionRows of(Datasets.VersionRows rows) {
            return new VersionRows(rows.datasetId(), rows.version(), rows.rows());
        }
    }

    private final Datasets datasets;

    DatasetController(Datasets datasets) {
        this.datasets = datasets;
    }

    @Operation(summary = "Define a dataset")
    @PostMapping
    ResponseEntity<DatasetView> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateDataset request) {
        Dataset dataset = datasets.create(workspace, request.name(), request.columns(), request.primaryKey());
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + dataset.id()))
                .body(DatasetView.of(dataset));
    }

    @Operation(summary = "Publish a new immutable version (all rows; every row checked first)")
    @PostMapping("/{id}/versions")
    ResponseEntity<DatasetView> publish(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Valid @RequestBody Publish request) {
        Dataset dataset = datasets.publish(workspace, id, request.rows());
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + id
                        + "/versions/" + dataset.latestVersion()))
                .body(DatasetView.of(dataset));
    }

    @Operation(summary = "List the workspace's datasets, oldest first")
    @GetMapping
    DatasetPage list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<DatasetView> items = datasets.list(workspace, page, size).stream()
                .map(DatasetView::of)
                .toList();
        return new DatasetPage(items, page, size, datasets.count(workspace));
    }

    @Operation(summary = "Get a dataset and its latest version number")
    @GetMapping("/{id}")
    DatasetView get(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return DatasetView.of(datasets.get(workspace, id));
    }

    @Operation(summary = "Rows of the latest version")
    @GetMapping("/{id}/rows")
    VersionRows latest(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return VersionRows.of(datasets.rows(workspace, id, null));
    }

    @Operation(summary = "Rows of one version")
    @GetMapping("/{id}/versions/{version}")
    VersionRows version(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable long version) {
        return VersionRows.of(datasets.rows(workspace, id, version));
    }
}
