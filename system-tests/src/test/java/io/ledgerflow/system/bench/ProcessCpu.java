package io.ledgerflow.system.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time spent by each component of the stack, from {@code /proc/<pid>/stat} (user + system).
 * Kafka runs inside this JVM (the launcher's broker), so this process is split by thread: the load
 * generator's threads (named {@code load-*}, and the HTTP client's) against everything else.
 */
final class ProcessCpu {

    static final String HARNESS = "harness (load generator)";
    static final String KAFKA = "launcher + Kafka";
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Supplier<Map<String, List<ProcessHandle>>> groups;

    ProcessCpu(Supplier<Map<String, List<ProcessHandle>>> groups) {
        this.groups = groups;
    }

    /** CPU seconds so far by component name (PostgreSQL's name without its process count). */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        groups.get().forEach((name, handles) -> {
            String key = name.startsWith("PostgreSQL") ? "PostgreSQL" : name;
            double total = 0;
            for (ProcessHandle handle : handles) {
                total += procSeconds(handle.pid());
            }
            seconds.merge(key, total, Double::sum);
        });
        if (seconds.containsKey(KAFKA)) {
            double harness = harnessThreadSeconds();
            seconds.put(KAFKA, seconds.get(KAFKA) - harness);
            seconds.put(HARNESS, harness);
        }
        return seconds;
    }

    /** {@code after - before} per component. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0.0)));
        return delta;
    }

    private static double procSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: fields count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0; // a backend that ended, or no /proc
        }
    }

    private static double harnessThreadSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith("load-") || name.startsWith("HttpClient")) {
                long cpu = threads.getThreadCpuTime(thread.threadId());
                nanos += Math.max(0, cpu);
            }
        }
        return nanos / 1e9;
    }
}
