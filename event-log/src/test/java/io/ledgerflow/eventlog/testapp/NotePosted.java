package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.DomainEvent;

/** A free-text note on an account, as large as the test needs. */
public record NotePosted(String accountId, String note) implements DomainEvent {}
