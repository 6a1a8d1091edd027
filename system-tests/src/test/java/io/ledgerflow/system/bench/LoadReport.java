package io.ledgerflow.system.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What one phase of {@link AccountantLoad} measured: counts, latencies, CPU per process. */
final class LoadReport {

    final String phase;
    final int clients;
    final AtomicLong edits = new AtomicLong();
    final AtomicLong cellEdits = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong imports = new AtomicLong();
    /** The prober's reads of link destinations (every 2 ms until the value arrived): load on the stack too. */
    final AtomicLong probeReads = new AtomicLong();

    final AtomicLong errors = new AtomicLong();
    final ConcurrentLinkedQueue<Long> editNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> readNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> importNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> linkedNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    double seconds;
    Map<String, Double> cpuSeconds = Map.of();

    LoadReport(String phase, int clients) {
        this.phase = phase;
        this.clients = clients;
    }

    void error(String what) {
        if (errors.incrementAndGet() <= 5) {
            firstErrors.add(what);
        }
    }

    /** Milliseconds at percentile {@code p} (0..100) of {@code nanos}; NaN when empty. */
    static double percentile(ConcurrentLinkedQueue<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    double editsPerSecond() {
        return edits.get() / seconds;
    }

    /** CPU milliseconds per edit of each process, and their sum (as CPU seconds per 1,000 edits). */
    Map<String, Double> cpuPerThousandEdits() {
        Map<String, Double> perThousand = new LinkedHashMap<>();
        double total = 0;
        for (var entry : cpuSeconds.entrySet()) {
            double value = edits.get() == 0 ? Double.NaN : entry.getValue() * 1000.0 / edits.get();
            perThousand.put(entry.getKey(), value);
            if (!entry.getKey().equals(ProcessCpu.HARNESS)) {
                total += value;
            }
        }
        perThousand.put("stack total", total);
        return perThousand;
    }

    String json(Map<String, Object> context) {
        StringBuilder json = new StringBuilder("{");
        Map<String, Object> fields = new LinkedHashMap<>(context);
        fields.put("phase", phase);
        fields.put("clients", clients);
        fields.put("seconds", seconds);
        fields.put("edits", edits.get());
        fields.put("editsPerSecond", editsPerSecond());
        fields.put("cellEditsPerSecond", cellEdits.get() / seconds);
        fields.put("editP50Ms", percentile(editNanos, 50));
        fields.put("editP99Ms", percentile(editNanos, 99));
        fields.put("editP999Ms", percentile(editNanos, 99.9));
        fields.put("reads", reads.get());
        fields.put("readP50Ms", percentile(readNanos, 50));
        fields.put("imports", imports.get());
        fields.put("importP50Ms", percentile(importNanos, 50));
        fields.put("linkedSamples", linkedNanos.size());
        fields.put("probeReads", probeReads.get());
        fields.put("linkedP50Ms", percentile(linkedNanos, 50));
        fields.put("linkedP99Ms", percentile(linkedNanos, 99));
        fields.put("errors", errors.get());
        boolean first = true;
        for (var field : fields.entrySet()) {
            json.append(first ? "" : ",").append('"').append(field.getKey()).append("\":");
            json.append(value(field.getValue()));
            first = false;
        }
        json.append(",\"cpuSecondsPer1000Edits\":{");
        first = true;
        for (var entry : cpuPerThousandEdits().entrySet()) {
            json.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":");
            json.append(value(entry.getValue()));
            first = false;
        }
        return json.append("}}").toString();
    }

    private static String value(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "null" : String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return '"' + String.valueOf(value).replace("\"", "'") + '"';
    }

    /** A Markdown table of the phases, one row each, then CPU per 1,000 edits by process. */
    static String table(List<LoadReport> reports) {
        StringBuilder table = new StringBuilder();
        table.append("| phase | clients | edits/s | cell edits/s | edit p50 / p99 / p99.9 ms | reads/s | imports"
                + " | edit→linked p50 / p99 ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadReport r : reports) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %.1f / %.1f / %.1f | %.0f | %d | %.0f / %.0f (%d) | %d |%n",
                    r.phase,
                    r.clients,
                    r.editsPerSecond(),
                    r.cellEdits.get() / r.seconds,
                    percentile(r.editNanos, 50),
                    percentile(r.editNanos, 99),
                    percentile(r.editNanos, 99.9),
                    r.reads.get() / r.seconds,
                    r.imports.get(),
                    percentile(r.linkedNanos, 50),
                    percentile(r.linkedNanos, 99),
                    r.linkedNanos.size(),
                    r.errors.get()));
        }
        List<String> processes = new ArrayList<>();
        reports.forEach(r -> r.cpuPerThousandEdits().keySet().stream()
                .filter(name -> !processes.contains(name))
                .forEach(processes::add));
        if (processes.size() > 1) {
            table.append("\nCPU seconds per 1,000 edits\n\n| process |");
            reports.forEach(r -> table.append(' ').append(r.phase).append(" |"));
            table.append("\n|---|").append("---:|".repeat(reports.size())).append('\n');
            for (String process : processes) {
                table.append("| ").append(process).append(" |");
                for (LoadReport r : reports) {
                    table.append(String.format(
                            Locale.ROOT, " %.2f |", r.cpuPerThousandEdits().getOrDefault(process, Double.NaN)));
                }
                table.append('\n');
            }
        }
        return table.toString();
    }
}
