package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.DomainEvent;
import java.util.UUID;

/**
 * Linking asks the owner of a source workbook for the current values of {@code ref} (canonical),
 * so a new link delivers them at once. Calculation answers with {@code SourceValuesReported} on its
 * workbook events, carrying {@code linkId} back.
 */
public record SourceValuesRequested(UUID linkId, UUID workbookId, String ref) implements DomainEvent {}
