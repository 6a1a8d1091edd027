package io.ledgerflow.linking.document;

import java.time.Instant;
import java.util.UUID;

/**
 * A document of another service as linking knows it from the log: a workbook (with its latest
 * revision) or a dataset (with its latest version). {@code appliedEvents} counts the events applied
 * to it (each once, however often the log delivered it).
 */
public record KnownDocument(
        String type,
        UUID id,
        String workspace,
        String name,
        long latest,
        boolean deleted,
        Instant updatedAt,
        long appliedEvents) {

    public static final String WORKBOOK = "workbook";
    public static final String DATASET = "dataset";
}
