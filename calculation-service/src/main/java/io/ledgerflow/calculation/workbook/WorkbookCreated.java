package io.ledgerflow.calculation.workbook;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/** A workbook came into being at its first revision. */
public record WorkbookCreated(UUID workbookId, String name, long revision) implements DomainEvent {}
