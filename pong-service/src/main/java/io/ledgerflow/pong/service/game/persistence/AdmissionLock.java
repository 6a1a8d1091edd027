package io.ledgerflow.pong.service.game.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the admission of a workspace's new games until the caller's transaction ends (a PostgreSQL
 * transaction-level advisory lock on the workspace), so two concurrent creates cannot both fit under a limit that only
 * one of them fits under.
 */
@Component
public class AdmissionLock {

    /** The first of the lock's two int keys: "pong" in ASCII (the second is the workspace's hash). */
    private static final int KIND = 0x706f6e67;

    private final JdbcClient jdbc;

    AdmissionLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void acquire(String workspace) {
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
                .param(KIND)
                .param(workspace)
                .query()
                .listOfRows();
    }
}
