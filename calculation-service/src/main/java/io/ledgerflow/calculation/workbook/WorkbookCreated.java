package io.ledgerflow.calculation.workbook;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A workbook came into being at its first revision.
 *
 * @param dateSystem 1900, or 1904 when it counts dates from 1904-01-01; absent in older events (1900)
 */
public record WorkbookCreated(
        UUID workbookId,
        String name,
        long revision,
        @Nullable Integer dateSystem) implements DomainEvent {}
