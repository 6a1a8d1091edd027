package io.ledgerflow.formula.bench;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.parse.A1;
import java.util.Locale;

/**
 * Builds a workbook of one million formulas (1,000 x 1,000, each {@code =left+up*0.5} or a SUM
 * over the row so far every 10th column) and reports the heap in use after a full GC. Run with
 * {@code -Xmx2g} to check the memory bar. Usage: {@code MemoryCheck [rows] [cols]}.
 */
public final class MemoryCheck {

    private MemoryCheck() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Object[][] sheet = new Object[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (r == 0 && c == 0) {
                    sheet[r][c] = 1.0;
                } else if (c % 10 == 9) {
                    sheet[r][c] = "=SUM(A" + (r + 1) + ":" + A1.cellName(r, c - 1) + ")";
                } else if (r == 0) {
                    sheet[r][c] = "=" + A1.cellName(0, c - 1) + "+1";
                } else {
                    sheet[r][c] = "=" + A1.cellName(r - 1, c) + "*0.5+" + (c == 0 ? "1" : A1.cellName(r, c - 1));
                }
            }
        }
        long t0 = System.nanoTime();
        FormulaEngine e = FormulaEngine.builder().sheet("Sheet1", sheet).build();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        sheet = null;
        long t1 = System.nanoTime();
        e.setCell("Sheet1", 0, 0, 2.0);
        long editMs = (System.nanoTime() - t1) / 1_000_000;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.println(String.format(
                Locale.ROOT,
                "{\"formulas\": %d, \"load_ms\": %d, \"edit_all_ms\": %d, \"heap_used_mb\": %d, \"max_heap_mb\": %d,"
                        + " \"probe\": \"%s\"}",
                (long) rows * cols - 1,
                loadMs,
                editMs,
                used >> 20,
                rt.maxMemory() >> 20,
                e.getValue("Sheet1", rows - 1, cols - 1)));
    }
}
