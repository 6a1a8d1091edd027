package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The consuming side: a read model fed through the inbox. Counts deliveries to show redelivery. */
@Component
public class BalanceProjection {

    public static final String CONSUMER = "balance-projection";

    /** The consumer's own view of the event: only the fields it needs. */
    record Posted(String accountId, long amount, int sequence) {}

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final JdbcClient jdbc;
    private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> appliedSequences = new ConcurrentHashMap<>();

    BalanceProjection(Inbox inbox, EnvelopeCodec codec, JdbcClient jdbc) {
        this.inbox = inbox;
        this.codec = codec;
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = "ledgerflow.test.ledger-events.v1", groupId = "event-log-test")
    void on(String message) {
        codec.decode(message)
                .ifPresent(e -> deliveries
                        .computeIfAbsent(e.id(), id -> new AtomicInteger())
                        .incrementAndGet());
        inbox.receive(CONSUMER, message, this::apply);
    }

    private void apply(EventEnvelope event) {
        Posted posted = codec.payload(event, Posted.class);
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
