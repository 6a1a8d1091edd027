package io.ledgerflow.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A simple harness (not JMH): the CPU an event of ~100 changed cells (an edit of a 200-row ledger, the shape of
 * calculation's {@code CellValuesChanged}) costs in event-log's codec on its way out, before and after issue 13's
 * change: the outbox's encoding (to a tree, then text / the event straight to text) plus the relay's read of the row
 * for the headers (the whole envelope / its fields only). Alternating rounds in one JVM, thread CPU time, median.
 * Run with {@code -Dbench=true -Dtest=EnvelopeEncodingBenchmark}; docs/benchmarks.md has figures.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class EnvelopeEncodingBenchmark {

    record Value(String type, double number) {}

    record Change(String ref, String sheet, int row, int col, Value oldValue, Value newValue) {}

    record CellsChanged(UUID workbookId, long revision, int chunk, int chunks, List<Change> cells)
            implements DomainEvent {
        @Override
        public String eventType() {
            return "CellValuesChanged";
        }
    }

    private static final int ROUNDS = 15;
    private static final int PER_ROUND = 4_000;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EventFactory events = new EventFactory("calculation-service", codec, Clock.systemUTC());
    private final CellsChanged event = event(100);
    private long sink;

    @Test
    void encodingOnceAndReadingOnlyTheHeadersCostsLess() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] before = new double[ROUNDS];
        double[] after = new double[ROUNDS];
        for (int warm = 0; warm < 3; warm++) {
            before(PER_ROUND);
            after(PER_ROUND);
        }
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            before(PER_ROUND);
            long t1 = threads.getCurrentThreadCpuTime();
            after(PER_ROUND);
            long t2 = threads.getCurrentThreadCpuTime();
            before[round] = (t1 - t0) / 1_000.0 / PER_ROUND;
            after[round] = (t2 - t1) / 1_000.0 / PER_ROUND;
        }
        double b = median(before);
        double a = median(after);
        System.out.printf(
                "event of 100 cells (%d bytes): before %.1f µs, after %.1f µs per event (after/before %.2f)%n",
                codec.encode(events.envelope("workbook", "wb", "acme", event)).length(), b, a, a / b);
        assertThat(sink).isPositive();
        assertThat(a).isLessThan(b);
    }

    private void before(int n) {
        for (int i = 0; i < n; i++) {
            String text = codec.encode(events.envelope("workbook", "wb", "acme", event));
            sink += codec.decode(text).orElseThrow().traceparent() == null ? 1 : 2;
        }
    }

    private void after(int n) {
        for (int i = 0; i < n; i++) {
            String text = codec.encode(events.envelopeToEncode("workbook", "wb", "acme", event));
            sink += codec.decodeHeaders(text).orElseThrow().traceparent() == null ? 1 : 2;
        }
    }

    private static CellsChanged event(int cells) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            changes.add(new Change(
                    "C" + (i + 100),
                    "Sheet1",
                    i + 99,
                    2,
                    new Value("number", 1234.5 * i),
                    new Value("number", 1234.5 * i + 17.25)));
        }
        return new CellsChanged(UUID.randomUUID(), 42, 1, 1, changes);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
