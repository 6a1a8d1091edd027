package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * The consuming side: a read model fed through the inbox by two Spring Cloud Stream bindings, {@code
 * ledger} (a record at a time) and {@code ledgerBatch} (batch mode). Counts deliveries to show
 * redelivery; a negative amount fails the effect while {@link #rejectNegative} is on (a bug, fixed by
 * turning it off).
 */
@Configuration(proxyBeanMethods = false)
public class BalanceProjection {

    public static final String CONSUMER = "balance-projection";
    public static final String BATCH_CONSUMER = "balance-projection-batch";

    /** The consumer's own view of the event: only the fields it needs. */
    record Posted(String accountId, long amount, int sequence) {}

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final JdbcClient jdbc;
    private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> appliedSequences = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean rejectNegative = true;

    BalanceProjection(Inbox inbox, EnvelopeCodec codec, JdbcClient jdbc) {
        this.inbox = inbox;
        this.codec = codec;
        this.jdbc = jdbc;
    }

    @Bean
    Consumer<Message<byte[]>> ledger() {
        Consumer<Message<byte[]>> consumer = inbox.consumer(CONSUMER, this::apply);
        return message -> {
            codec.decode(new String(message.getPayload(), StandardCharsets.UTF_8))
                    .ifPresent(e -> deliveries
                            .computeIfAbsent(e.id(), id -> new AtomicInteger())
                            .incrementAndGet());
            consumer.accept(message);
        };
    }

    @Bean
    Consumer<Message<List<byte[]>>> ledgerBatch() {
        return inbox.batchConsumer(BATCH_CONSUMER, this::apply);
    }

    public void rejectNegative(boolean reject) {
        this.rejectNegative = reject;
    }

    /** How often an effect was tried for {@code accountId} (rolled back tries included). */
    public int attempts(String accountId) {
        AtomicInteger count = attempts.get(accountId);
        return count == null ? 0 : count.get();
    }

    /** The effect, for a rebuild by replay. */
    public void applyForReplay(EventEnvelope event) {
        apply(event);
    }

    private void apply(EventEnvelope event) {
        Posted posted = codec.payload(event, Posted.class);
        attempts.computeIfAbsent(posted.accountId(), a -> new AtomicInteger()).incrementAndGet();
        if (posted.amount() < 0 && rejectNegative) {
            throw new IllegalStateException("negative amount for " + posted.accountId());
        }
        jdbc.sql("insert into balance_view (account_id, total, applied) values (?, ?, 1)"
                        + " on conflict (account_id) do update"
                        + " set total = balance_view.total + excluded.total, applied = balance_view.applied + 1")
                .params(posted.accountId(), posted.amount())
                .update();
        appliedSequences
                .computeIfAbsent(posted.accountId(), a -> new CopyOnWriteArrayList<>())
                .add(posted.sequence());
    }

    public int deliveriesOf(UUID eventId) {
        AtomicInteger count = deliveries.get(eventId);
        return count == null ? 0 : count.get();
    }

    public List<Integer> appliedSequences(String accountId) {
        return appliedSequences.getOrDefault(accountId, List.of());
    }

    public long total(String accountId) {
        return jdbc.sql("select coalesce(sum(total), 0) from balance_view where account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    public int applied(String accountId) {
        return jdbc.sql("select coalesce(sum(applied), 0) from balance_view where account_id = ?")
                .param(accountId)
                .query(Integer.class)
                .single();
    }
}
