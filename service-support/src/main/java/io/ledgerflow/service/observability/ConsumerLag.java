package io.ledgerflow.service.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code ledgerflow.kafka.consumer.lag{group,topic}}: records on the log that this service's
 * consumer groups (those named after the service) have not committed yet, summed over partitions.
 * Measured by the broker's view (committed offsets against end offsets) every {@code interval}, so
 * it is right even when a consumer is stuck or down, which a client-side metric cannot say.
 */
public class ConsumerLag implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Supplier<Admin> admins;
    private final String groupPrefix;
    private final Duration interval;
    private final MultiGauge gauge;
    private volatile Thread worker;
    private volatile boolean running;

    public ConsumerLag(Supplier<Admin> admins, String groupPrefix, Duration interval, MeterRegistry registry) {
        this.admins = admins;
        this.groupPrefix = groupPrefix;
        this.interval = interval;
        this.gauge = MultiGauge.builder("ledgerflow.kafka.consumer.lag")
                .description("Records not yet consumed, per consumer group and topic (broker's view)")
                .baseUnit("records")
                .register(registry);
    }

    /** Measures now: lag per group and topic. */
    public Map<List<String>, Long> measure(Admin admin) throws Exception {
        Map<List<String>, Long> lag = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            if (!group.groupId().startsWith(groupPrefix)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            committed.forEach((partition, offset) -> {
                long end = ends.get(partition).offset();
                long behind = offset == null ? end : Math.max(0, end - offset.offset());
                lag.merge(List.of(group.groupId(), partition.topic()), behind, Long::sum);
            });
        }
        return lag;
    }

    private void loop() {
        try (Admin admin = admins.get()) {
            while (running) {
                try {
                    Map<List<String>, Long> lag = measure(admin);
                    List<MultiGauge.Row<?>> rows = new ArrayList<>();
                    lag.forEach((key, value) ->
                            rows.add(MultiGauge.Row.of(Tags.of("group", key.get(0), "topic", key.get(1)), value)));
                    gauge.register(rows, true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    log.debug("consumer lag not measured: {}", e.toString());
                }
                try {
                    Thread.sleep(interval.toMillis()); // a metrics poller's period, not a wait for an event
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = Thread.ofPlatform().daemon(true).name("consumer-lag").start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
