package io.ledgerflow.service.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's backlog as an operator sees it: {@code ledgerflow.outbox.backlog} (rows not yet
 * acknowledged by Kafka) and {@code ledgerflow.outbox.oldest.unsent.age} (seconds the oldest of them
 * has waited; 0 when none). One query per scrape, reused for a second so both gauges agree.
 */
public class OutboxMetrics implements MeterBinder {

    private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final JdbcClient jdbc;
    private volatile Snapshot last = new Snapshot(0, 0, Long.MIN_VALUE);

    public OutboxMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "ledgerflow.outbox.backlog",
                        this,
                        metrics -> metrics.snapshot().backlog())
                .description("Outbox rows Kafka has not acknowledged yet")
                .register(registry);
        Gauge.builder(
                        "ledgerflow.outbox.oldest.unsent.age",
                        this,
                        metrics -> metrics.snapshot().oldestAgeSeconds())
                .description("How long the oldest unsent outbox row has waited (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    private Snapshot snapshot() {
        Snapshot current = last;
        long now = System.nanoTime();
        if (now - current.takenAt() < REUSE_NANOS) {
            return current;
        }
        try {
            current = jdbc.sql("select count(*) as backlog,"
                            + " coalesce(extract(epoch from now() - min(created_at)), 0) as age"
                            + " from event_outbox where published_at is null")
                    .query((rs, n) -> new Snapshot(rs.getLong("backlog"), rs.getDouble("age"), now))
                    .single();
        } catch (RuntimeException e) {
            current = new Snapshot(Double.NaN, Double.NaN, now); // database down: the gauges say so
        }
        last = current;
        return current;
    }

    private record Snapshot(double backlog, double oldestAgeSeconds, long takenAt) {}
}
