package io.ledgerflow.system.faults.check;

import io.ledgerflow.system.faults.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per workbook, the server's revision order is a linearization of the acknowledged operations: it agrees with real
 * time (an operation that completed before another began has a lower revision — or the same, for a read after it),
 * every read returns exactly the contents of the revision it names, and a read with {@code minRevision} is at least
 * that fresh. A workbook is a register whose versions are totally ordered by the server, so checking that this one
 * order fits every real-time constraint is the Knossos search with the order given: O(n log n), not exponential.
 */
public final class LinearizabilityChecker {

    static final String NAME = "linearizable";

    private LinearizabilityChecker() {}

    public static List<Anomaly> check(List<Op> history, FinalState state) {
        Map<String, List<Op>> byWorkbook = new LinkedHashMap<>();
        for (Op op : history) {
            if (op.ok() && (op.isWrite() || op.kind() == Op.Kind.READ)) {
                byWorkbook
                        .computeIfAbsent(op.workbook(), w -> new ArrayList<>())
                        .add(op);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        byWorkbook.forEach((workbook, ops) -> {
            realTimeOrder(workbook, ops, anomalies);
            for (Op op : ops) {
                if (op.kind() != Op.Kind.READ) {
                    continue;
                }
                if (op.expected() != null && op.revision() < op.expected()) {
                    anomalies.add(new Anomaly(
                            NAME,
                            workbook,
                            "read " + op.id() + " with minRevision " + op.expected() + " answered revision "
                                    + op.revision()));
                }
                Optional<Map<String, Double>> cells = state.cellsAt(workbook, op.revision());
                if (cells.isEmpty() || !cells.get().equals(op.cells())) {
                    anomalies.add(new Anomaly(
                            NAME,
                            workbook,
                            "read " + op.id() + " returned " + op.cells() + " as revision " + op.revision()
                                    + ", which holds " + cells.orElse(null)));
                }
            }
        });
        return anomalies;
    }

    private static void realTimeOrder(String workbook, List<Op> ops, List<Anomaly> anomalies) {
        List<Op> byInvoke = new ArrayList<>(ops);
        byInvoke.sort(Comparator.comparingLong(Op::invokedNanos));
        List<Op> byCompletion = new ArrayList<>(ops);
        byCompletion.sort(Comparator.comparingLong(Op::completedNanos));
        int completed = 0;
        Op highest = null;
        for (Op op : byInvoke) {
            while (completed < byCompletion.size()
                    && byCompletion.get(completed).completedNanos() < op.invokedNanos()) {
                Op done = byCompletion.get(completed++);
                if (highest == null || done.revision() > highest.revision()) {
                    highest = done;
                }
            }
            if (highest == null) {
                continue;
            }
            boolean violated = op.isWrite() ? op.revision() <= highest.revision() : op.revision() < highest.revision();
            if (violated) {
                anomalies.add(new Anomaly(
                        NAME,
                        workbook,
                        op.kind() + " " + op.id() + " began after " + highest.kind() + " "
                                + highest.id() + " had completed with revision " + highest.revision()
                                + ", yet got revision " + op.revision()));
            }
        }
    }
}
