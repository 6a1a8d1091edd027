package io.ledgerflow.system.faults.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system's state after the run, read back through the API (or built by hand in a checker's test).
 */
public interface FinalState {

    /** The workload's cells of {@code workbook} as of {@code revision}; empty when that revision does not exist. */
    Optional<Map<String, Double>> cellsAt(String workbook, long revision);

    /** Each value one cell took, oldest first, with the revision it took it at. */
    List<HistoryEntry> cellHistory(String workbook, String cell);

    /** The origin of every revision of {@code workbook} (e.g. {@code link:<id>@<source revision>}), oldest first. */
    List<String> revisionOrigins(String workbook);

    record HistoryEntry(long revision, Double value) {}
}
