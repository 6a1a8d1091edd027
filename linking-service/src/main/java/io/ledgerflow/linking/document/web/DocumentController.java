package io.ledgerflow.linking.document.web;

import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.service.web.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Documents", description = "The workbooks and datasets linking has learnt of from the log")
@RestController
@RequestMapping("/api/linking/workspaces/{workspace}/documents")
class DocumentController {

    private final DocumentCatalogue catalogue;

    DocumentController(DocumentCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(summary = "List the workspace's documents linking knows, by type and name")
    @GetMapping
    List<KnownDocument> list(
            @Parameter(example = "acme") @PathVariable @WorkspaceId String workspace,
            @Parameter(description = "workbook or dataset")
                    @RequestParam(required = false)
                    @Pattern(regexp = "workbook|dataset", message = "type is workbook or dataset")
                    String type,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return catalogue.list(workspace, type, page * size, size);
    }
}
