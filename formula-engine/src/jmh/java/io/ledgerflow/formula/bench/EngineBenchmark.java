package io.ledgerflow.formula.bench;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the four workloads of issue 3: one edit followed by reading the probe cell,
 * and a full load (build + first evaluation). Run with the {@code bench} profile (see
 * docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBenchmark {

    @Param({"chain", "grid", "prefix", "ledger"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private Workload w;
    private FormulaEngine engine;
    private int step;

    static Workload workload(String name) {
        return switch (name) {
            case "chain" -> WorkloadGenerator.chain(100_000);
            case "grid" -> WorkloadGenerator.grid(300);
            case "prefix" -> WorkloadGenerator.prefix(20_000);
            case "ledger" -> WorkloadGenerator.ledger(50_000, 100);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        w = workload(workload);
        engine = build();
    }

    private FormulaEngine build() {
        FormulaEngine.Builder b = FormulaEngine.builder().parallelism(threads);
        w.sheets().forEach(b::sheet);
        return b.build();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Value editThenRead() {
        Workload.Edit e = w.edits().get(step % w.edits().size());
        double v = ((Double) e.value()) + (step++ % 3);
        engine.setCell(e.sheet(), e.row(), e.col(), v);
        return engine.getValue(w.probeSheet(), w.probeRow(), w.probeCol());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2, batchSize = 1)
    @Measurement(iterations = 5, batchSize = 1)
    public FormulaEngine load() {
        return build();
    }
}
