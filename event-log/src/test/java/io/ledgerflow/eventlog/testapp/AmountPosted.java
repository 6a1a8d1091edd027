package io.ledgerflow.eventlog.testapp;

import io.ledgerflow.eventlog.DomainEvent;

public record AmountPosted(String accountId, long amount, int sequence) implements DomainEvent {}
