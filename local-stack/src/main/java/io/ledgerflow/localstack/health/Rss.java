package io.ledgerflow.localstack.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Memory of processes, from {@code /proc} (Linux): VmRSS from {@code /proc/<pid>/status}, and PSS
 * (resident memory with shared pages divided among the processes sharing them) from
 * {@code /proc/<pid>/smaps_rollup}. RSS summed over PostgreSQL's processes counts its shared
 * buffers once per process; PSS sums to what the machine actually spends.
 */
public final class Rss {

    private Rss() {}

    /** VmRSS of one process in KiB; empty where /proc is missing or the process is gone. */
    public static OptionalLong kib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /** Pss of one process in KiB; empty where unavailable. */
    public static OptionalLong pssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /** The sum over {@code processes} of their VmRSS, in KiB (unreadable ones count 0). */
    public static long totalKib(Collection<ProcessHandle> processes) {
        return processes.stream()
                .mapToLong(process -> kib(process.pid()).orElse(0))
                .sum();
    }

    /** The sum over {@code processes} of their PSS, in KiB (unreadable ones count 0). */
    public static long totalPssKib(Collection<ProcessHandle> processes) {
        return processes.stream()
                .mapToLong(process -> pssKib(process.pid()).orElse(0))
                .sum();
    }

    private static OptionalLong field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    String value = line.substring(name.length()).trim();
                    return OptionalLong.of(Long.parseLong(value.split("\\s+")[0]));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
