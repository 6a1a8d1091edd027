package io.ledgerflow.calculation.ops;

import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.observability.CalculationMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/workbookstats} (management port only): the engine's view of every workbook this instance holds
 * in memory — revision, sheets and their sizes, dependency graph (nodes, edges, range nodes), last recalculation
 * (when, how long, cells changed). {@code /actuator/workbookstats/{id}} for one. Ids only, never cell contents.
 */
@Component
@WebEndpoint(id = "workbookstats")
class WorkbookStatsEndpoint {

    private final WorkbookDocuments documents;
    private final CalculationMetrics metrics;

    WorkbookStatsEndpoint(WorkbookDocuments documents, CalculationMetrics metrics) {
        this.documents = documents;
        this.metrics = metrics;
    }

    @ReadOperation
    Map<String, Object> all() {
        List<Map<String, Object>> workbooks = new ArrayList<>();
        documents.loadedWorkbooks().forEach((id, workbook) -> workbooks.add(stats(id, workbook)));
        return Map.of("loaded", workbooks.size(), "workbooks", workbooks);
    }

    @ReadOperation
    WebEndpointResponse<Map<String, Object>> one(@Selector String id) {
        UUID workbookId;
        try {
            workbookId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(Map.of("error", id + " is not a workbook id"), 400);
        }
        LoadedWorkbook workbook = documents.loadedWorkbooks().get(workbookId);
        return workbook == null
                ? new WebEndpointResponse<>(Map.of("error", "workbook " + id + " is not loaded here"), 404)
                : new WebEndpointResponse<>(stats(workbookId, workbook), 200);
    }

    private Map<String, Object> stats(UUID id, LoadedWorkbook workbook) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("id", id.toString());
        stats.put("revision", workbook.revision());
        Map<String, Object> sheets = new LinkedHashMap<>();
        long cells = 0;
        synchronized (workbook) {
            for (String sheet : workbook.sheetNames()) {
                int[] size = workbook.sheetSize(sheet);
                sheets.put(sheet, Map.of("rows", size[0], "columns", size[1]));
                cells += (long) size[0] * size[1];
            }
            long[] graph = workbook.graphStats();
            stats.put("graph", Map.of("nodes", graph[0], "edges", graph[1], "rangeNodes", graph[2]));
        }
        stats.put("sheets", sheets);
        stats.put("cellArea", cells);
        metrics.lastRecalculation(id)
                .ifPresent(last -> stats.put(
                        "lastRecalculation",
                        Map.of(
                                "at",
                                last.at().toString(),
                                "millis",
                                last.took().toNanos() / 1e6,
                                "cells",
                                last.cells())));
        return stats;
    }
}
