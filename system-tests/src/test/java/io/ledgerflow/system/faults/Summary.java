package io.ledgerflow.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A run's result as the Markdown that docs/verification.md quotes. */
final class Summary {

    private Summary() {}

    static String of(FaultRun.Result result, Duration stackStart, Duration total) {
        StringBuilder text = new StringBuilder();
        FaultRun.Settings s = result.settings();
        text.append("## Fault run, seed ").append(s.seed()).append("\n\n");
        text.append(String.format(
                "%s of faults and %d clients (timeout %s); stack start %.0f s, whole run %.0f s; history %s%n%n",
                s.duration(),
                s.clients(),
                s.clientTimeout(),
                stackStart.toMillis() / 1000.0,
                total.toMillis() / 1000.0,
                result.history()));
        text.append("| operation | ok | refused | unknown |\n| --- | --- | --- | --- |\n");
        result.operations()
                .forEach((kind, outcomes) -> text.append(String.format(
                        "| %s | %d | %d | %d |%n",
                        kind,
                        outcomes.getOrDefault(Op.Outcome.OK, 0),
                        outcomes.getOrDefault(Op.Outcome.REFUSED, 0),
                        outcomes.getOrDefault(Op.Outcome.UNKNOWN, 0))));
        text.append("\n| fault | target | recovered after | detail |\n| --- | --- | --- | --- |\n");
        Map<Nemesis.Kind, List<Duration>> recoveries = new EnumMap<>(Nemesis.Kind.class);
        for (Nemesis.Fault fault : result.faults()) {
            text.append(String.format(
                    "| %s | %s | %s | %s |%n",
                    fault.kind(), fault.target(), seconds(fault.recovery()), firstLine(fault.detail())));
            if (fault.recovery() != null) {
                recoveries.computeIfAbsent(fault.kind(), k -> new ArrayList<>()).add(fault.recovery());
            }
        }
        text.append("\n| fault kind | count | recovery max |\n| --- | --- | --- |\n");
        recoveries.forEach((kind, durations) -> text.append(String.format(
                "| %s | %d | %s |%n",
                kind,
                durations.size(),
                seconds(durations.stream().max(Duration::compareTo).orElseThrow()))));
        text.append("\nLinked destinations converged after the faults within ")
                .append(seconds(result.convergence()))
                .append(" (bound ")
                .append(seconds(FaultRun.CONVERGENCE_BOUND))
                .append(").\n\nAnomalies: ")
                .append(result.anomalies().size())
                .append('\n');
        result.anomalies().forEach(a -> text.append("- ").append(a).append('\n'));
        return text.toString();
    }

    private static String seconds(Duration duration) {
        return duration == null ? "never" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** A table cell: the first line of a detail (a failed restart's carries the service's last log lines). */
    static String firstLine(String detail) {
        int end = detail.indexOf('\n');
        return (end < 0 ? detail : detail.substring(0, end)).replace("|", "/");
    }
}
