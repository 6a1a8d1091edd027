package io.ledgerflow.eventlog.outbox;

import io.ledgerflow.eventlog.CloudEventHeaders;
import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.trace.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in position order and marks them published only after Kafka
 * acknowledged them. One relay per database is active at a time (a transaction-scoped advisory
 * lock elects it), so rows of one aggregate are never sent out of order by two instances.
 *
 * <p>A crash after Kafka acknowledged a batch but before the mark committed republishes that batch
 * on restart: delivery is at least once, and consumers' inboxes make the effect exactly once.
 *
 * <p>A row Kafka refuses for good because it is too large ({@link RecordTooLargeException}: over the producer's
 * {@code max.request.size}, the broker's {@code message.max.bytes} or the topic's {@code max.message.bytes}) would
 * otherwise be retried for ever and hold up every later row: it is moved to {@code event_outbox_parked} with the
 * reason, logged, counted ({@value #PARKED_METRIC}), and the relay goes on. {@link Outbox#append} refuses such
 * events before they are committed; parking covers a limit lowered later or set per topic.
 */
public class OutboxRelay implements SmartLifecycle {

    /** Test seam: runs after Kafka acknowledged a batch and before the batch is marked published. */
    @FunctionalInterface
    public interface AcknowledgedHook {
        void afterAcknowledged(List<Long> positions);
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x4c656467L; // "Ledg": one relay per database
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    /** Counter of rows parked because Kafka refused them as too large, tagged with the topic. */
    public static final String PARKED_METRIC = "ledgerflow.outbox.parked";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration retention;
    private volatile EventTracing tracing = EventTracing.NONE;
    private final Object signal = new Object();
    private volatile AcknowledgedHook acknowledgedHook = positions -> {};
    private volatile MeterRegistry meters;
    private volatile boolean running;
    private volatile boolean wakeRequested;
    private Thread worker;
    private long lastCleanup;

    public OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<String, String> kafka,
            int batchSize,
            Duration pollInterval,
            Duration retention) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.retention = retention;
    }

    /** Each send becomes a span continuing the envelope's trace, its context in the record's headers. */
    public void setTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    /** Where {@value #PARKED_METRIC} is counted. */
    public void setMeterRegistry(MeterRegistry meters) {
        this.meters = meters;
    }

    public void setAcknowledgedHook(AcknowledgedHook hook) {
        this.acknowledgedHook = hook;
    }

    /** Asks the relay to look at the outbox now rather than at its next poll. */
    public void wakeUp() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    /**
     * Relays one batch: reads unpublished rows in position order, sends them, waits for every
     * acknowledgement, then marks them published, all inside one transaction holding the relay lock.
     *
     * @return the number of rows published, 0 when idle or another instance holds the lock
     */
    public int relayBatch() {
        Integer published = transactions.execute(status -> {
            Boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(RELAY_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            List<PendingRow> rows = jdbc.sql("select position, topic, message_key, envelope from event_outbox"
                            + " where published_at is null order by position limit ?")
                    .param(batchSize)
                    .query((rs, n) -> new PendingRow(
                            rs.getLong("position"),
                            rs.getString("topic"),
                            rs.getString("message_key"),
                            rs.getString("envelope")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
            for (PendingRow row : rows) {
                sends.add(send(row));
            }
            kafka.flush();
            Map<PendingRow, String> refused = awaitAcknowledgements(rows, sends);
            park(refused);
            List<Long> positions = rows.stream()
                    .filter(row -> !refused.containsKey(row))
                    .map(PendingRow::position)
                    .toList();
            acknowledgedHook.afterAcknowledged(positions);
            jdbc.sql("update event_outbox set published_at = now() where position = any(?)")
                    .param(positions.toArray(Long[]::new))
                    .update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    /**
     * Sends one row, with its CloudEvents headers, in a span that ends when Kafka acknowledged (or
     * refused) the record; the span's traceparent replaces the envelope's in the headers. Only the envelope's
     * fields are read, for the headers and the span's parent, not its payload; a tombstone row (no envelope) is sent with a
     * null value.
     */
    private CompletableFuture<SendResult<String, String>> send(PendingRow row) {
        EventEnvelope envelope = row.envelope() == null
                ? null
                : CODEC.decodeHeaders(row.envelope()).orElse(null);
        ProducerRecord<String, String> record =
                CloudEventHeaders.record(row.topic(), row.key(), row.envelope(), envelope);
        Span span = tracing.start(
                "outbox relay send", envelope == null ? null : envelope.traceparent(), Map.of("topic", row.topic()));
        tracing.inject(span, record.headers());
        CompletableFuture<SendResult<String, String>> sent = kafka.send(record);
        sent.whenComplete((result, error) -> {
            if (error != null) {
                span.error(error);
            }
            span.end();
        });
        return sent;
    }

    /** Rows still waiting for Kafka; a gauge for operators and a handle for tests. */
    public long pendingCount() {
        return jdbc.sql("select count(*) from event_outbox where published_at is null")
                .query(Long.class)
                .single();
    }

    /**
     * Waits for every send; returns the rows Kafka refused as too large, with the reason. Any other failure throws:
     * the batch is retried.
     */
    private static Map<PendingRow, String> awaitAcknowledgements(
            List<PendingRow> rows, List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be retried", e);
        } catch (ExecutionException e) {
            Map<PendingRow, String> refused = new LinkedHashMap<>();
            for (int i = 0; i < sends.size(); i++) {
                if (!sends.get(i).isCompletedExceptionally()) {
                    continue;
                }
                RecordTooLargeException tooLarge = tooLarge(sends.get(i).exceptionNow());
                if (tooLarge == null) {
                    throw new IllegalStateException("Kafka did not acknowledge the batch; it will be retried", e);
                }
                refused.put(rows.get(i), tooLarge.getClass().getSimpleName() + ": " + tooLarge.getMessage());
            }
            return refused;
        }
    }

    private static RecordTooLargeException tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** Moves rows Kafka refused for good out of the outbox, in the relay's transaction. */
    private void park(Map<PendingRow, String> refused) {
        refused.forEach((row, reason) -> {
            jdbc.sql("insert into event_outbox_parked (position, event_id, topic, message_key, envelope, created_at,"
                            + " reason) select position, event_id, topic, message_key, envelope, created_at, ?"
                            + " from event_outbox where position = ?")
                    .params(reason, row.position())
                    .update();
            jdbc.sql("delete from event_outbox where position = ?")
                    .param(row.position())
                    .update();
            log.error(
                    "outbox row {} ({} bytes) for {} refused by Kafka, parked in event_outbox_parked: {}",
                    row.position(),
                    row.envelope() == null ? 0 : row.envelope().length(),
                    row.topic(),
                    reason);
            MeterRegistry registry = meters;
            if (registry != null) {
                registry.counter(PARKED_METRIC, "topic", row.topic()).increment();
            }
        });
    }

    private void runLoop() {
        long backoffMillis = 0;
        while (running) {
            try {
                int published = relayBatch();
                backoffMillis = 0;
                cleanUpPublished();
                if (published == batchSize) {
                    continue; // more waiting: no pause
                }
                pause(pollInterval.toMillis());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                backoffMillis = Math.min(5_000, Math.max(100, backoffMillis * 2));
                log.warn("outbox relay failed, retrying in {} ms: {}", backoffMillis, e.toString());
                pause(backoffMillis);
            }
        }
    }

    private void cleanUpPublished() {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < 60_000) {
            return;
        }
        lastCleanup = now;
        jdbc.sql("delete from event_outbox where published_at < now() - make_interval(secs => ?)")
                .param((double) retention.toSeconds())
                .update();
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::runLoop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record PendingRow(long position, String topic, String key, String envelope) {}
}
