package io.ledgerflow.calculation.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the calculation engine reports on the management port, and the spans it adds to a trace:
 *
 * <ul>
 *   <li>{@code ledgerflow.recalculation} (timer, and a "recalculate" span): applying one operation to a workbook,
 *       recalculation included, tagged with the operation's kind;
 *   <li>{@code ledgerflow.recalculation.changed} (summary, in cells): cells whose value an edit changed;
 *   <li>{@code ledgerflow.link.latency} (histogram): from a source workbook's edit (its revision's commit time) to the
 *       linked destination's revision holding the value.
 * </ul>
 */
@Component
public class CalculationMetrics {

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final DistributionSummary cellsPerEdit;
    private final Timer linkLatency;

    CalculationMetrics(
            ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters, JdbcClient jdbc) {
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.meters = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.jdbc = jdbc;
        this.cellsPerEdit = DistributionSummary.builder("ledgerflow.recalculation.changed")
                .description("Cells whose value one edit changed (the recalculated cone)")
                .baseUnit("cells")
                .publishPercentileHistogram()
                .register(this.meters);
        this.linkLatency = Timer.builder("ledgerflow.link.latency")
                .description("From a source workbook's edit to the linked destination's revision holding the value")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(this.meters);
    }

    /** The last recalculation of one workbook: when, how long, how many cells changed. */
    public record LastRecalculation(Instant at, Duration took, int cells) {}

    private static final int REMEMBERED_WORKBOOKS = 10_000;

    private final Map<UUID, LastRecalculation> last = new ConcurrentHashMap<>();

    /** Runs one recalculating operation as {@code ledgerflow.recalculation}, counting the cells it changed. */
    public <T> T recalculate(UUID workbookId, String kind, Supplier<T> work, ToIntFunction<T> changedCells) {
        long start = System.nanoTime();
        T result = Observation.createNotStarted("ledgerflow.recalculation", observations)
                .contextualName("recalculate")
                .lowCardinalityKeyValue("operation", kind)
                .observe(work);
        int cells = result == null ? 0 : changedCells.applyAsInt(result); // a delete changes no cell
        cellsPerEdit.record(cells);
        if (last.size() >= REMEMBERED_WORKBOOKS) {
            last.clear(); // statistics, not state: start over rather than grow without bound
        }
        last.put(workbookId, new LastRecalculation(Instant.now(), Duration.ofNanos(System.nanoTime() - start), cells));
        return result;
    }

    /** The last recalculation of {@code workbookId} this instance ran, if it remembers one. */
    public Optional<LastRecalculation> lastRecalculation(UUID workbookId) {
        return Optional.ofNullable(last.get(workbookId));
    }

    /** A linked value from {@code sourceWorkbook} at {@code sourceRevision} is now in its destination. */
    public void linkedValueArrived(UUID sourceWorkbook, long sourceRevision) {
        Optional<Timestamp> edited = jdbc.sql(
                        "select created_at from workbook_revision where workbook_id = ? and revision = ?")
                .params(sourceWorkbook, sourceRevision)
                .query(Timestamp.class)
                .optional();
        edited.ifPresent(at -> {
            Duration latency = Duration.between(at.toInstant(), Instant.now());
            if (!latency.isNegative()) {
                linkLatency.record(latency);
            }
        });
    }
}
