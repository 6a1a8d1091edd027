package io.ledgerflow.linking.propagation.web;

import io.ledgerflow.linking.propagation.Propagation;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Publish", description = "Manual links hold changes until published")
@RestController
@RequestMapping("/api/linking/workspaces/{workspace}/links")
class PublishController {

    @Schema(description = "How many links published their held values")
    record Published(int published) {}

    private final Propagation propagation;

    PublishController(Propagation propagation) {
        this.propagation = propagation;
    }

    @Operation(summary = "Publish what a manual link holds")
    @PostMapping("/{id}/publish")
    Published publish(@Parameter(example = "acme") @PathVariable @WorkspaceId String workspace, @PathVariable UUID id) {
        return new Published(propagation.publish(workspace, id));
    }

    @Operation(summary = "Publish every pending link of the workspace, or those from or into one document")
    @PostMapping("/publish")
    Published publishAll(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @RequestParam(required = false) UUID document) {
        return new Published(propagation.publishAll(workspace, document));
    }
}
