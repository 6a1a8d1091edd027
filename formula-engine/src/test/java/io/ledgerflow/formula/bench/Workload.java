package io.ledgerflow.formula.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark workload: sheets of contents (0-based rows/cols), a list of edits and a probe cell.
 * File format: {"name": "...", "sheets": {"Sheet1": [[1, "=A1+1"], ...]}, "edits": [["Sheet1",
 * row, col, value], ...], "probe": ["Sheet1", row, col]}.
 */
public record Workload(
        String name, Map<String, Object[][]> sheets, List<Edit> edits, String probeSheet, int probeRow, int probeCol) {

    public record Edit(String sheet, int row, int col, Object value) {}

    @SuppressWarnings("unchecked")
    public static Workload read(Path file) throws IOException {
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(file));
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("sheets")).forEach((name, rowsObj) -> {
            List<Object> rows = (List<Object>) rowsObj;
            Object[][] a = new Object[rows.size()][];
            for (int r = 0; r < a.length; r++) {
                a[r] = ((List<Object>) rows.get(r)).toArray();
            }
            sheets.put(name, a);
        });
        List<Edit> edits = ((List<Object>) m.get("edits"))
                .stream()
                        .map(o -> {
                            List<Object> e = (List<Object>) o;
                            return new Edit(
                                    (String) e.get(0),
                                    ((Double) e.get(1)).intValue(),
                                    ((Double) e.get(2)).intValue(),
                                    e.get(3));
                        })
                        .toList();
        List<Object> probe = (List<Object>) m.get("probe");
        return new Workload(
                (String) m.get("name"),
                sheets,
                edits,
                (String) probe.get(0),
                ((Double) probe.get(1)).intValue(),
                ((Double) probe.get(2)).intValue());
    }

    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("{\"name\": ").append(Json.quote(name)).append(", \"sheets\": {");
        boolean firstSheet = true;
        for (Map.Entry<String, Object[][]> e : sheets.entrySet()) {
            if (!firstSheet) {
                sb.append(", ");
            }
            firstSheet = false;
            sb.append(Json.quote(e.getKey())).append(": [");
            Object[][] rows = e.getValue();
            for (int r = 0; r < rows.length; r++) {
                sb.append(r == 0 ? "\n[" : ",\n[");
                for (int c = 0; c < rows[r].length; c++) {
                    if (c > 0) {
                        sb.append(", ");
                    }
                    sb.append(Json.content(rows[r][c]));
                }
                sb.append(']');
            }
            sb.append("]");
        }
        sb.append("},\n\"edits\": [");
        for (int i = 0; i < edits.size(); i++) {
            Edit ed = edits.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append('[')
                    .append(Json.quote(ed.sheet()))
                    .append(", ")
                    .append(ed.row())
                    .append(", ")
                    .append(ed.col())
                    .append(", ")
                    .append(Json.content(ed.value()))
                    .append(']');
        }
        sb.append("],\n\"probe\": [")
                .append(Json.quote(probeSheet))
                .append(", ")
                .append(probeRow)
                .append(", ")
                .append(probeCol)
                .append("]}\n");
        Files.writeString(file, sb);
    }
}
