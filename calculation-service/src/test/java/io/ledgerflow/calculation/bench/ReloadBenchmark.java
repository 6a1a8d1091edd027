package io.ledgerflow.calculation.bench;

import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long a workbook takes to come back into memory from a snapshot: parse the stored JSON
 * contents and build the engine (first full evaluation included). The database read of the one
 * snapshot row is not included. Not a test; run by hand (docs/benchmarks.md).
 *
 * <pre>java ... ReloadBenchmark 100000 1000000</pre>
 */
public final class ReloadBenchmark {

    private static final TypeReference<Map<String, List<List<Object>>>> SHEETS = new TypeReference<>() {};

    public static void main(String[] args) {
        JsonMapper json = JsonMapper.builder().build();
        for (String arg : args.length == 0 ? new String[] {"100000", "1000000"} : args) {
            int cells = Integer.parseInt(arg);
            String snapshot = json.writeValueAsString(ledger(cells));
            double[] millis = new double[5];
            for (int run = 0; run < millis.length; run++) {
                long start = System.nanoTime();
                Map<String, List<List<Object>>> contents = json.readValue(snapshot, SHEETS);
                LoadedWorkbook workbook = LoadedWorkbook.at(new Operation.Create(contents), 1);
                millis[run] = (System.nanoTime() - start) / 1e6;
                if (workbook.revision() != 1) {
                    throw new IllegalStateException("unexpected revision");
                }
            }
            Arrays.sort(millis);
            System.out.printf(
                    Locale.ROOT,
                    "{\"measure\":\"reload-from-snapshot\",\"cells\":%d,\"snapshotBytes\":%d,\"medianMs\":%.0f,"
                            + "\"minMs\":%.0f,\"maxMs\":%.0f}%n",
                    cells,
                    snapshot.length(),
                    millis[2],
                    millis[0],
                    millis[4]);
        }
    }

    /** A ledger-like sheet: two constants and one formula per row ({@code =A*B}, a running total). */
    private static Map<String, List<List<Object>>> ledger(int cells) {
        int rows = cells / 4;
        List<List<Object>> sheet = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int row = r + 1;
            sheet.add(List.of(
                    r % 97, 1.0 + (r % 13) / 10.0, "=A" + row + "*B" + row, r == 0 ? "=C1" : "=D" + r + "+C" + row));
        }
        return Map.of("Ledger", sheet);
    }
}
