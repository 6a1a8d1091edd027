package io.ledgerflow.formula.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workload on Apache POI's formula evaluator, the lazy baseline of issue 12's conditional
 * aggregates: builds the workbook in memory (XSSF), evaluates every formula once (the load), then
 * per edit sets the cell, tells the evaluator ({@code notifyUpdateCell}, which drops the cached
 * values depending on it) and evaluates every formula of the probe's sheet again — what a lazy
 * evaluator pays to bring the summaries up to date, the work Ledgerflow's edit does eagerly. The
 * probe-only time (evaluating just the probe cell after an edit) is printed too.
 *
 * <p>Usage: {@code PoiRunner <workload.json> [--rounds N] [--edits N]}; one JSON line, wall times
 * and the calling thread's CPU times.
 */
public final class PoiRunner {

    private PoiRunner() {}

    public static void main(String[] args) throws Exception {
        Workload w = Workload.read(Path.of(args[0]));
        int rounds = 1;
        int maxEdits = Integer.MAX_VALUE;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--edits" -> maxEdits = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        List<Workload.Edit> edits =
                w.edits().subList(0, Math.min(maxEdits, w.edits().size()));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        XSSFWorkbook wb = new XSSFWorkbook();
        for (Map.Entry<String, Object[][]> e : w.sheets().entrySet()) {
            Sheet sh = wb.createSheet(e.getKey());
            Object[][] rows = e.getValue();
            for (int r = 0; r < rows.length; r++) {
                Row row = sh.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] != null) {
                        set(row.createCell(c), rows[r][c]);
                    }
                }
            }
        }
        FormulaEvaluator ev = wb.getCreationHelper().createFormulaEvaluator();
        List<Cell> formulas = new ArrayList<>();
        for (Row row : wb.getSheet(w.probeSheet())) {
            for (Cell cell : row) {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA) {
                    formulas.add(cell);
                }
            }
        }
        Cell probe = wb.getSheet(w.probeSheet()).getRow(w.probeRow()).getCell(w.probeCol());
        for (Cell f : formulas) {
            ev.evaluate(f);
        }
        double loadMs = (System.nanoTime() - t0) / 1e6;
        double loadCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        String initial = text(ev.evaluate(probe));
        int n = rounds * edits.size();
        double[] allMs = new double[n];
        double[] allCpuMs = new double[n];
        double[] probeMs = new double[n];
        String last = initial;
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (Workload.Edit e : edits) {
                Object v = e.value();
                if (v instanceof Double d && r % 2 == 1) {
                    v = d + 0.5; // as WorkloadRunner: every edit changes something
                }
                Sheet sh = wb.getSheet(e.sheet());
                Row row = sh.getRow(e.row()) == null ? sh.createRow(e.row()) : sh.getRow(e.row());
                Cell cell = row.getCell(e.col()) == null ? row.createCell(e.col()) : row.getCell(e.col());
                // probe only: what a lazy evaluator pays when one summary is read
                long p0 = System.nanoTime();
                set(cell, v);
                ev.notifyUpdateCell(cell);
                last = text(ev.evaluate(probe));
                probeMs[k] = (System.nanoTime() - p0) / 1e6;
                // every summary: drop the caches again and re-evaluate them all
                long cc = mx.getCurrentThreadCpuTime();
                long tt = System.nanoTime();
                ev.notifyUpdateCell(cell);
                for (Cell f : formulas) {
                    ev.evaluate(f);
                }
                allMs[k] = (System.nanoTime() - tt) / 1e6;
                allCpuMs[k++] = (mx.getCurrentThreadCpuTime() - cc) / 1e6;
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "{\"engine\": \"poi\", \"workload\": %s, \"load_ms\": %.1f, \"load_cpu_ms\": %.1f,"
                        + " \"edit_all_ms_median\": %.3f, \"edit_all_cpu_ms_median\": %.3f,"
                        + " \"edit_probe_ms_median\": %.3f, \"formulas\": %d, \"edits\": %d,"
                        + " \"probe_initial\": %s, \"probe_final\": %s}",
                Json.quote(w.name()),
                loadMs,
                loadCpuMs,
                median(allMs),
                median(allCpuMs),
                median(probeMs),
                formulas.size(),
                n,
                Json.quote(initial),
                Json.quote(last)));
        wb.close();
    }

    private static void set(Cell cell, Object v) {
        if (v instanceof Double d) {
            cell.setCellValue(d);
        } else if (v instanceof Boolean b) {
            cell.setCellValue(b);
        } else if (v instanceof String s && s.startsWith("=")) {
            cell.setCellFormula(s.substring(1));
        } else {
            cell.setCellValue(String.valueOf(v));
        }
    }

    private static String text(CellValue v) {
        return switch (v.getCellType()) {
            case NUMERIC -> {
                double d = v.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            case STRING -> v.getStringValue();
            case BOOLEAN -> Boolean.toString(v.getBooleanValue()).toUpperCase(Locale.ROOT);
            default -> v.formatAsString();
        };
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }
}
