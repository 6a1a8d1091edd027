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

    @Schema(description = "The rows of one version")
    record VersionRows(UUID datasetId, long version, List<Map<String, Object>> rows) {}

    private final Datasets datasets;

    DatasetController(Datasets datasets) {
        this.datasets = datasets;
    }

    @Operation(summary = "Define a dataset")
    @PostMapping
    ResponseEntity<Dataset> create(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Valid @RequestBody CreateDataset request) {
        Dataset dataset = datasets.create(workspace, request.name(), request.columns(), request.primaryKey());
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + dataset.id()))
                .body(dataset);
    }

    @Operation(summary = "Publish a new immutable version (all rows; every row checked first)")
    @PostMapping("/{id}/versions")
    ResponseEntity<Dataset> publish(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @Valid @RequestBody Publish request) {
        Dataset dataset = datasets.publish(workspace, id, request.rows());
        return ResponseEntity.created(URI.create("/api/sharing/workspaces/" + workspace + "/datasets/" + id
                        + "/versions/" + dataset.latestVersion()))
                .body(dataset);
    }

    @Operation(summary = "List the workspace's datasets")
    @GetMapping
    List<Dataset> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return datasets.list(workspace, page, size);
    }

    @Operation(summary = "Get a dataset and its latest version number")
    @GetMapping("/{id}")
    Dataset get(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return datasets.get(workspace, id);
    }

    @Operation(summary = "Rows of the latest version")
    @GetMapping("/{id}/rows")
    VersionRows latest(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        Dataset dataset = datasets.get(workspace, id);
        return new VersionRows(id, dataset.latestVersion(), datasets.rows(workspace, id, null));
    }

    @Operation(summary = "Rows of one version")
    @GetMapping("/{id}/versions/{version}")
    VersionRows version(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @PathVariable UUID id,
            @PathVariable long version) {
        return new VersionRows(id, version, datasets.rows(workspace, id, version));
    }
}
