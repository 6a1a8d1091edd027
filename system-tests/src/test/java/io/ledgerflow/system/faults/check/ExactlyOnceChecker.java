package io.ledgerflow.system.faults.check;

import io.ledgerflow.system.faults.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly-once effects, counted per event: no revision acknowledged to two requests, no request's values applied
 * in two revisions (each write's values are unique in the run, so they identify it), and no linked value — origin
 * {@code link:<event id>@<source revision>}, one per {@code LinkedValuesSet} v2 event (v1's: {@code link:<link
 * id>@<source revision>}) — applied twice.
 */
public final class ExactlyOnceChecker {

    static final String NAME = "exactly-once";

    private ExactlyOnceChecker() {}

    public static List<Anomaly> check(List<Op> history, FinalState state, Collection<String> linkedWorkbooks) {
        List<Anomaly> anomalies = new ArrayList<>();
        Map<String, Op> claimed = new HashMap<>();
        Set<String> workbooks = new LinkedHashSet<>(linkedWorkbooks);
        for (Op op : history) {
            if (!op.isWrite()) {
                continue;
            }
            workbooks.add(op.workbook());
            if (op.ok()) {
                Op other = claimed.putIfAbsent(op.workbook() + "@" + op.revision(), op);
                if (other != null) {
                    anomalies.add(new Anomaly(
                            NAME,
                            op.workbook(),
                            "revision " + op.revision() + " acknowledged to both op " + other.id() + " and op "
                                    + op.id()));
                }
            }
            op.cells().forEach((cell, value) -> {
                List<Long> revisions = state.cellHistory(op.workbook(), cell).stream()
                        .filter(entry -> value.equals(entry.value()))
                        .map(FinalState.HistoryEntry::revision)
                        .toList();
                if (revisions.size() > 1) {
                    anomalies.add(new Anomaly(
                            NAME,
                            op.workbook(),
                            "op " + op.id() + "'s " + cell + "=" + value + " was applied at revisions " + revisions));
                }
            });
        }
        for (String workbook : workbooks) {
            Map<String, Integer> counts = new HashMap<>();
            for (String origin : state.revisionOrigins(workbook)) {
                if (origin != null && origin.startsWith("link:")) {
                    counts.merge(origin, 1, Integer::sum);
                }
            }
            counts.forEach((origin, count) -> {
                if (count > 1) {
                    anomalies.add(
                            new Anomaly(NAME, workbook, "linked value " + origin + " applied " + count + " times"));
                }
            });
        }
        return anomalies;
    }
}
