package io.ledgerflow.linking.link;

import java.util.List;
import java.util.UUID;

/**
 * What a new link asks for. Workbook sources name a {@code sourceRef} (a cell or a block); dataset
 * sources a {@code sourceColumn} and either one row {@code sourceKey} (a field, into one cell) or
 * several {@code sourceKeys} (a slice of the column, into a one-row or one-column range of as
 * many cells). {@code sourceWorkspace} is another workspace only for a dataset shared with this one.
 */
public record NewLink(
        String sourceType,
        String sourceWorkspace,
        UUID sourceDocumentId,
        String sourceRef,
        String sourceColumn,
        List<String> sourceKey,
        List<List<String>> sourceKeys,
        UUID destinationWorkbookId,
        String destinationRef,
        String publishMode) {}
