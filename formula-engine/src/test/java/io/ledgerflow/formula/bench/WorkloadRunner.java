package io.ledgerflow.formula.bench;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.Value;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs a workload file and prints one JSON line: load time (build + first full evaluation) and
 * the median time of one edit followed by reading the probe cell.
 *
 * <p>Usage: {@code WorkloadRunner <workload.json> [--loads N] [--rounds N] [--threads N] [--jvm
 * label] [--edits N]} (the label names the JVM setup in the output, e.g. "aot-cache"). Loads
 * are repeated N times (default 3; the first is cold, the median is reported too); the edit list
 * is applied {@code rounds} times (default 5) and every edit is timed. Besides wall-clock times it
 * reports the CPU time of the calling thread, which is robust against other load on a shared
 * machine (with {@code --threads 1} it is all the work done). {@code --edits N} applies only the
 * first N edits of the list per round; {@code first_edits_ms} are the first 10 edits' wall times in
 * order (in a fresh process with {@code --loads 1}: the cold first edits).
 */
public final class WorkloadRunner {

    private WorkloadRunner() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int loads = 3;
        int rounds = 5;
        int threads = Runtime.getRuntime().availableProcessors();
        String jvm = "plain";
        int maxEdits = Integer.MAX_VALUE;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--loads" -> loads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--jvm" -> jvm = args[++i];
                case "--edits" -> maxEdits = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Workload w = Workload.read(file);
        List<Workload.Edit> edits =
                w.edits().subList(0, Math.min(maxEdits, w.edits().size()));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] loadProcCpuMs = new double[loads];
        double[] loadMs = new double[loads];
        double[] loadCpuMs = new double[loads];
        FormulaEngine engine = null;
        for (int i = 0; i < loads; i++) {
            engine = null;
            if (i > 0) {
                // between loads only: a fresh process does not collect before its first (cold) load, and a
                // collection here would shrink the heap that load then has to regrow
                System.gc();
            }
            long p0 = os.getProcessCpuTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            FormulaEngine.Builder b = FormulaEngine.builder().parallelism(threads);
            w.sheets().forEach(b::sheet);
            engine = b.build();
            loadMs[i] = (System.nanoTime() - t0) / 1e6;
            loadCpuMs[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            loadProcCpuMs[i] = (os.getProcessCpuTime() - p0) / 1e6;
        }
        Value initial = engine.getValue(w.probeSheet(), w.probeRow(), w.probeCol());
        int n = rounds * edits.size();
        double[] editMs = new double[n];
        double[] editCpuMs = new double[n];
        Value last = initial;
        int k = 0;
        long procStart = os.getProcessCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (Workload.Edit e : edits) {
                Object v = e.value();
                if (v instanceof Double d && r % 2 == 1) {
                    v = d + 0.5; // alternate values so every edit really changes something
                }
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                engine.setCell(e.sheet(), e.row(), e.col(), v);
                last = engine.getValue(w.probeSheet(), w.probeRow(), w.probeCol());
                editMs[k] = (System.nanoTime() - t0) / 1e6;
                editCpuMs[k++] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        double procMean = (os.getProcessCpuTime() - procStart) / 1e6 / n;
        double[] sortedLoads = loadMs.clone();
        Arrays.sort(sortedLoads);
        double[] sortedEdits = editMs.clone();
        Arrays.sort(sortedEdits);
        double[] sortedLoadCpu = loadCpuMs.clone();
        Arrays.sort(sortedLoadCpu);
        double[] sortedEditCpu = editCpuMs.clone();
        Arrays.sort(sortedEditCpu);
        double[] sortedLoadProc = loadProcCpuMs.clone();
        Arrays.sort(sortedLoadProc);
        long[] g = engine.graphStats();
        System.out.println(String.format(
                Locale.ROOT,
                "{\"engine\": \"ledgerflow\", \"workload\": %s, \"threads\": %d, \"jvm\": %s, \"load_ms_first\": %.1f,"
                        + " \"load_ms_median\": %.1f, \"load_cpu_ms_first\": %.1f, \"load_cpu_ms_median\": %.1f,"
                        + " \"load_proc_cpu_ms_first\": %.1f, \"load_proc_cpu_ms_median\": %.1f,"
                        + " \"edit_read_ms_median\": %.3f, \"edit_read_ms_p90\": %.3f, \"edit_read_cpu_ms_median\": %.3f,"
                        + " \"edit_read_proc_cpu_ms_mean\": %.3f,"
                        + " \"first_edits_ms\": %s,"
                        + " \"edits\": %d, \"nodes\": %d, \"edges\": %d, \"range_nodes\": %d,"
                        + " \"probe_initial\": %s, \"probe_final\": %s}",
                Json.quote(w.name()),
                threads,
                Json.quote(jvm),
                loadMs[0],
                sortedLoads[loads / 2],
                loadCpuMs[0],
                sortedLoadCpu[loads / 2],
                loadProcCpuMs[0],
                sortedLoadProc[loads / 2],
                sortedEdits[n / 2],
                sortedEdits[(int) (n * 0.9)],
                sortedEditCpu[n / 2],
                procMean,
                first(editMs),
                n,
                g[0],
                g[1],
                g[2],
                Json.quote(initial.toString()),
                Json.quote(last.toString())));
    }

    /**
     * The wall times of the first edits (up to 10) in the order they ran: what a fresh process pays
     * for its first edits (the cold figure beside HyperFormula's).
     */
    private static String first(double[] editMs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(10, editMs.length); i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", editMs[i]));
        }
        return sb.append(']').toString();
    }
}
