package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.DomainEvent;

/** The whole latest state of an account, as a compacted state topic holds it. */
public record AccountState(String accountId, long balance) implements DomainEvent {}
