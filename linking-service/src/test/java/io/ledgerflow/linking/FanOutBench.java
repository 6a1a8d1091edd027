package io.ledgerflow.linking;

import static io.ledgerflow.linking.Fixture.cell;
import static io.ledgerflow.linking.Fixture.workbookLink;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A harness (not run by default: {@code ./mvnw -pl linking-service test -Dtest=FanOutBench
 * -Dsurefire.failIfNoSpecifiedTests=false}) for linking's share of propagation, against the real
 * broker and database: from a CellValuesChanged sent to the log to each LinkedValuesSet on the
 * linked-values topic (consumed, propagated in the inbox's transaction, relayed from the outbox);
 * a cell's latency is that of the LinkedValuesSet v2 carrying it (one per destination workbook).
 * Calculation's apply on the far side is not in these figures. Two cases: one link, 100 edits one
 * after another; one source cell linked into 10,000 cells across 100 workbooks, 5 edits
 * ({@code -Dfanout.edits=N} for more).
 */
@IntegrationTest
class FanOutBench {

    private static final int WORKBOOKS = 100;
    private static final int CELLS_PER_WORKBOOK = 100;
    private static final String SOURCE_REF = "\"sourceRef\"";
    private static final int EDITS = Integer.getInteger("fanout.edits", 5);

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void propagationLatency() {
        Fixture f = new Fixture(port, "bench-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            UUID source = f.workbook("Source");
            UUID destination = f.workbook("Destination");
            f.link(workbookLink(source, "S!A1", destination, "S!A1"));
            long[] single = new long[100];
            for (int i = 0; i < single.length; i++) {
                single[i] = edit(f, consumer, source, i + 2, 1).getFirst();
            }
            report("one link, 100 edits in turn (edit → LinkedValuesSet)", single);

            UUID fanSource = f.workbook("Fan source");
            long created = System.nanoTime();
            for (int w = 0; w < WORKBOOKS; w++) {
                UUID target = f.workbook("Target " + w);
                for (int c = 0; c < CELLS_PER_WORKBOOK; c++) {
                    f.link(workbookLink(fanSource, "S!A1", target, "S!B" + (c + 1)));
                }
            }
            System.out.printf(
                    "created %d links in %.1f s%n",
                    WORKBOOKS * CELLS_PER_WORKBOOK, (System.nanoTime() - created) / 1e9);
            for (int i = 0; i < EDITS; i++) {
                List<Long> arrivals = edit(f, consumer, fanSource, i + 2, WORKBOOKS * CELLS_PER_WORKBOOK);
                report(
                        "fan-out edit " + (i + 1) + ": 1 cell → 10,000 cells in 100 workbooks (per destination cell)",
                        arrivals.stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    /** Sends a change of S!A1 at {@code revision}; returns each destination cell's latency in ns. */
    private static List<Long> edit(
            Fixture f, KafkaConsumer<String, String> consumer, UUID source, long revision, int expected) {
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        long start = System.nanoTime();
        f.changed(source, revision, cell("S!A1", "S", 0, 0, revision));
        List<Long> arrivals = new ArrayList<>(expected);
        long deadline = start + Duration.ofMinutes(5).toNanos();
        String revisionField = "\"sourceRevision\":" + revision + ",";
        String sourceField = "\"documentId\":\"" + source + "\"";
        while (arrivals.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                if (record.value().contains(revisionField) && record.value().contains(sourceField)) {
                    long latency = System.nanoTime() - start;
                    // one LinkedValuesSet v2 per destination workbook: every destination cell in it arrived now
                    for (int at = record.value().indexOf(SOURCE_REF);
                            at >= 0;
                            at = record.value().indexOf(SOURCE_REF, at + 1)) {
                        arrivals.add(latency);
                    }
                }
            });
        }
        if (arrivals.size() < expected) {
            throw new AssertionError("only " + arrivals.size() + " of " + expected + " arrived");
        }
        return arrivals;
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest"),
                new StringDeserializer(),
                new StringDeserializer());
        String topic = Topics.Linking.LINKED_VALUES.name();
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList());
        return consumer;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%s: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what,
                sorted.length,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
