package io.ledgerflow.formula.bench;

import io.ledgerflow.formula.FormulaEngine;
import java.util.List;

/**
 * A short, representative run for recording a JVM ahead-of-time cache (JDK 25:
 * {@code -XX:AOTCacheOutput}; older JDKs: an AppCDS archive with {@code -XX:ArchiveClassesAtExit}),
 * the way a deployed calculation service would record one at build time: it builds the four
 * workload kinds at a tenth of their benchmark size (other sizes, other cells than the measured
 * runs) and applies their edits, so the cache holds the engine's classes, linked call sites and
 * method profiles. Usage: {@code TrainingRun}.
 */
public final class TrainingRun {

    private TrainingRun() {}

    public static void main(String[] args) {
        List<Workload> workloads = List.of(
                WorkloadGenerator.chain(10_000),
                WorkloadGenerator.grid(100),
                WorkloadGenerator.prefix(2_000),
                WorkloadGenerator.ledger(5_000, 20));
        for (int round = 0; round < 3; round++) {
            for (Workload w : workloads) {
                FormulaEngine.Builder b = FormulaEngine.builder().parallelism(2);
                w.sheets().forEach(b::sheet);
                FormulaEngine engine = b.build();
                for (Workload.Edit e : w.edits()) {
                    engine.setCell(e.sheet(), e.row(), e.col(), e.value());
                    engine.getValue(w.probeSheet(), w.probeRow(), w.probeCol());
                }
            }
        }
        System.out.println("Training run done");
    }
}
