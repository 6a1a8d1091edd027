package io.ledgerflow.system.faults.check;

import io.ledgerflow.system.faults.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** No acknowledged edit lost: every acknowledged revision exists and holds, at that revision, what was written. */
public final class LostWriteChecker {

    static final String NAME = "lost-write";

    private LostWriteChecker() {}

    public static List<Anomaly> check(List<Op> history, FinalState state) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (Op op : history) {
            if (!op.isWrite() || !op.ok()) {
                continue;
            }
            Optional<Map<String, Double>> cells = state.cellsAt(op.workbook(), op.revision());
            if (cells.isEmpty()) {
                anomalies.add(new Anomaly(
                        NAME,
                        op.workbook(),
                        "op " + op.id() + " was acknowledged as revision " + op.revision() + ", which does not exist"));
                continue;
            }
            op.cells().forEach((cell, written) -> {
                Double found = cells.get().get(cell);
                if (!written.equals(found)) {
                    anomalies.add(new Anomaly(
                            NAME,
                            op.workbook(),
                            "op " + op.id() + " wrote " + cell + "=" + written + " acknowledged as revision "
                                    + op.revision() + ", which holds " + found));
                }
            });
        }
        return anomalies;
    }
}
