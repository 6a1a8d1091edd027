package io.ledgerflow.pong.service.runner;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Ships frame-log entries to {@link PongTopics#FRAMES} off the physics threads: a game's thread only
 * offers the entry to a bounded queue; one shipper thread renders its {@link FrameMessage} JSON
 * ({@code {"type", "gameId", "entry"}}, shared with the WebSocket clients) and sends it asynchronously, key = game id. When the queue is
 * full the entry is not shipped and counted in {@link #dropped()} (the game keeps its in-memory log).
 */
@Component
public class FrameShipper {

    private static final Logger log = LoggerFactory.getLogger(FrameShipper.class);

    private final KafkaTemplate<String, String> kafka;
    private final BlockingQueue<FrameMessage> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    FrameShipper(
            KafkaTemplate<String, String> kafka,
            MeterRegistry meters,
            @Value("${pong.frames.queue-capacity:100000}") int capacity) {
        this.kafka = kafka;
        this.queue = new ArrayBlockingQueue<>(capacity);
        FunctionCounter.builder("pong.frames.dropped", dropped, AtomicLong::get)
                .description("Log entries not shipped to the frames topic because the queue was full")
                .register(meters);
        FunctionCounter.builder("pong.frames.send.failed", failed, AtomicLong::get)
                .description("Log entries the frames topic did not take")
                .register(meters);
        Gauge.builder("pong.frames.queued", queue, BlockingQueue::size)
                .description("Log entries waiting for the shipper")
                .register(meters);
        this.thread = Thread.ofPlatform().name("pong-frame-shipper").daemon().start(this::run);
    }

    /** Called on a game's thread: never blocks. */
    public void offer(FrameMessage message) {
        if (!queue.offer(message)) {
            if (dropped.getAndIncrement() % 1000 == 0) {
                log.warn(
                        "frame queue full: entries of game {} not shipped ({} so far)",
                        message.gameId(),
                        dropped.get());
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    private void run() {
        while (running) {
            FrameMessage item;
            try {
                item = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                continue;
            }
            try {
                kafka.send(PongTopics.FRAMES.name(), item.gameId(), item.json()).whenComplete((result, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                if (!running) {
                    return; // interrupted by stop(): the context is closing
                }
                log.warn("could not ship frame {} of game {}", item.entry().frame(), item.gameId(), e);
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }
}
