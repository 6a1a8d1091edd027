package io.ledgerflow.system.faults.check;

import io.ledgerflow.system.faults.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conditional and refused edits: an {@code If-Match} edit is applied right on the revision it named (never over
 * one it did not see), and a refused edit (4xx, 412 included) changed nothing — its values are in no cell's history.
 */
public final class IfMatchChecker {

    static final String NAME = "if-match";

    private IfMatchChecker() {}

    public static List<Anomaly> check(List<Op> history, FinalState state) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (Op op : history) {
            if (!op.isWrite()) {
                continue;
            }
            if (op.ok() && op.expected() != null && op.revision() != op.expected() + 1) {
                anomalies.add(new Anomaly(
                        NAME,
                        op.workbook(),
                        "op " + op.id() + " with If-Match \"" + op.expected() + "\" was applied as revision "
                                + op.revision() + ", over revisions it did not see"));
            }
            if (op.outcome() == Op.Outcome.REFUSED) {
                op.cells().forEach((cell, value) -> {
                    for (FinalState.HistoryEntry entry : state.cellHistory(op.workbook(), cell)) {
                        if (Objects.equals(entry.value(), value)) {
                            anomalies.add(new Anomaly(
                                    NAME,
                                    op.workbook(),
                                    "op " + op.id() + " was refused (" + op.detail()
                                            + ") but " + cell + "=" + value + " appears at revision "
                                            + entry.revision()));
                        }
                    }
                });
            }
        }
        return anomalies;
    }
}
