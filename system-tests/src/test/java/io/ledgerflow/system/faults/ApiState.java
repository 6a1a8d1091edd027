package io.ledgerflow.system.faults;

import io.ledgerflow.system.faults.check.FinalState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The final state read back through the gateway once the run quiesced: per workbook its revisions (with their
 * origins) and each workload cell's history, from which the cells at any revision follow; per dataset the row its
 * publisher writes at every version ({@link DatasetPublisher}). Loaded once per workbook or dataset.
 */
final class ApiState implements FinalState {

    private final Api api;
    private final String workspace;
    private final Set<String> datasets;
    private final Map<String, Loaded> workbooks = new HashMap<>();

    private record Loaded(List<String> origins, Map<String, List<HistoryEntry>> cells) {}

    ApiState(Api api, String workspace, Set<String> datasets) {
        this.api = api;
        this.workspace = workspace;
        this.datasets = datasets;
    }

    @Override
    public Optional<Map<String, Double>> cellsAt(String workbook, long revision) {
        Loaded loaded = load(workbook);
        if (revision < 1 || revision > loaded.origins().size()) {
            return Optional.empty();
        }
        Map<String, Double> cells = new HashMap<>();
        loaded.cells().forEach((cell, history) -> {
            Double value = null;
            for (HistoryEntry entry : history) {
                if (entry.revision() <= revision) {
                    value = entry.value();
                }
            }
            if (value != null) {
                cells.put(cell, value);
            }
        });
        return Optional.of(cells);
    }

    @Override
    public List<HistoryEntry> cellHistory(String workbook, String cell) {
        return load(workbook).cells().getOrDefault(cell, List.of());
    }

    @Override
    public List<String> revisionOrigins(String workbook) {
        return load(workbook).origins();
    }

    private synchronized Loaded load(String workbook) {
        return workbooks.computeIfAbsent(
                workbook, subject -> datasets.contains(subject) ? fetchDataset(subject) : fetch(subject));
    }

    /** Every version of the dataset, 1 up to the first that does not exist, and the publisher's row in each. */
    private Loaded fetchDataset(String dataset) {
        List<String> origins = new ArrayList<>();
        List<HistoryEntry> row = new ArrayList<>();
        for (long version = 1; ; version++) {
            String path = DatasetPublisher.rowsPath(workspace, dataset) + "/rows/by-key?key=" + DatasetPublisher.KEY
                    + "&version=" + version;
            Api.Answer read = api.get(path);
            if (read.status() == 404) {
                break;
            }
            JsonNode value = require(path).path("rows").path(0).path(DatasetPublisher.COLUMN);
            origins.add("publish");
            row.add(new HistoryEntry(version, value.isNumber() ? value.asDouble() : null));
        }
        return new Loaded(origins, Map.of(DatasetPublisher.KEY, row));
    }

    private Loaded fetch(String workbook) {
        String base = "/api/calc/workspaces/" + workspace + "/workbooks/" + workbook;
        List<String> newestFirst = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode revisions = require(base + "/revisions?size=500&page=" + page);
            revisions.forEach(entry -> newestFirst.add(entry.path("origin").asString()));
            if (revisions.size() < 500) {
                break;
            }
        }
        Map<String, List<HistoryEntry>> cells = new HashMap<>();
        for (String cell : Workload.CELLS) {
            List<HistoryEntry> history = new ArrayList<>();
            for (JsonNode entry :
                    require(base + "/cells/Sheet1!" + cell + "/history").path("entries")) {
                JsonNode value = entry.path("value").path("value");
                history.add(
                        new HistoryEntry(entry.path("revision").asLong(), value.isNumber() ? value.asDouble() : null));
            }
            history.sort(java.util.Comparator.comparingLong(HistoryEntry::revision));
            cells.put(cell, history);
        }
        return new Loaded(newestFirst.reversed(), cells);
    }

    private JsonNode require(String path) {
        Api.Answer answer = api.get(path);
        if (!answer.ok()) {
            throw new IllegalStateException(
                    "cannot read the final state: GET " + path + " answered " + answer.detail());
        }
        return answer.body();
    }
}
