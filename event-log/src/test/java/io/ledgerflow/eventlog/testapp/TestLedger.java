package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.EventLogTestApplication;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topic;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The producing side: changes an account and records the event in one transaction. */
@Service
public class TestLedger {

    private final JdbcClient jdbc;
    private final Outbox outbox;

    TestLedger(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @Transactional
    public AmountPosted post(String accountId, long amount) {
        jdbc.sql("insert into account (id, balance, posts) values (?, 0, 0) on conflict do nothing")
                .param(accountId)
                .update();
        int sequence = jdbc.sql(
                        "update account set balance = balance + ?, posts = posts + 1 where id = ? returning posts")
                .params(amount, accountId)
                .query(Integer.class)
                .single();
        AmountPosted event = new AmountPosted(accountId, amount, sequence);
        outbox.append(EventLogTestApplication.LEDGER_EVENTS, "account", accountId, "workspace-1", event);
        return event;
    }

    /** Publishes the account's whole state to the compacted state topic. */
    @Transactional
    public void publishState(String accountId) {
        long balance = jdbc.sql("select balance from account where id = ? for update")
                .param(accountId)
                .query(Long.class)
                .single();
        outbox.append(
                EventLogTestApplication.ACCOUNT_STATE,
                "account",
                accountId,
                "workspace-1",
                new AccountState(accountId, balance));
    }

    /** Closes (deletes) the account: a tombstone on the state topic, in the same transaction. */
    @Transactional
    public void close(String accountId) {
        jdbc.sql("delete from account where id = ?").param(accountId).update();
        outbox.appendTombstone(EventLogTestApplication.ACCOUNT_STATE, accountId);
    }

    /** Counts a note on the account and appends it to {@code topic}, in one transaction. */
    @Transactional
    public void note(Topic topic, String accountId, String note) {
        jdbc.sql("insert into account (id, balance, posts) values (?, 0, 0) on conflict do nothing")
                .param(accountId)
                .update();
        jdbc.sql("update account set posts = posts + 1 where id = ?")
                .param(accountId)
                .update();
        outbox.append(topic, "account", accountId, "workspace-1", new NotePosted(accountId, note));
    }

    /** Posts, then fails after the outbox write: nothing of it may survive. */
    @Transactional
    public void postThenFail(String accountId, long amount) {
        post(accountId, amount);
        throw new IllegalStateException("business rule failed after the event was recorded");
    }
}
