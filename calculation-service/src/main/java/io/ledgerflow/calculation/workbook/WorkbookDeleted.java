package io.ledgerflow.calculation.workbook;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/** A workbook was deleted; its history stays readable. */
public record WorkbookDeleted(UUID workbookId, long revision) implements DomainEvent {}
