package io.ledgerflow.linking.document.messaging;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.linking.propagation.Propagation;
import java.util.List;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns of workbooks and datasets from the calculation and data-sharing services' events, each
 * applied once through the inbox. Reads tolerantly: only the fields linking needs.
 */
@Component
class DocumentEventsListener {

    static final String WORKBOOK_CONSUMER = "linking-workbook-events";
    static final String DATASET_CONSUMER = "linking-dataset-events";

    /** Linking's view of calculation's workbook events. */
    record WorkbookFacts(UUID workbookId, String name, Long revision, List<Change> cells) {}

    /** Linking's view of one changed cell of a CellValuesChanged event. */
    record Change(String ref, Value newValue) {}

    record Value(String type, Object value) {}

    /** Linking's view of data-sharing's dataset events. */
    record DatasetFacts(UUID datasetId, String name, Long version) {}

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final DocumentCatalogue catalogue;
    private final Propagation propagation;

    DocumentEventsListener(Inbox inbox, EnvelopeCodec codec, DocumentCatalogue catalogue, Propagation propagation) {
        this.inbox = inbox;
        this.codec = codec;
        this.catalogue = catalogue;
        this.propagation = propagation;
    }

    @KafkaListener(topics = "#{T(io.ledgerflow.eventlog.topic.Topics.Calculation).WORKBOOK_EVENTS.name()}")
    void onWorkbookEvent(String message) {
        inbox.receive(WORKBOOK_CONSUMER, message, this::workbook);
    }

    @KafkaListener(topics = "#{T(io.ledgerflow.eventlog.topic.Topics.Sharing).DATASET_EVENTS.name()}")
    void onDatasetEvent(String message) {
        inbox.receive(DATASET_CONSUMER, message, this::dataset);
    }

    private void workbook(EventEnvelope event) {
        WorkbookFacts facts = codec.payload(event, WorkbookFacts.class);
        long revision = facts.revision() == null ? 1 : facts.revision();
        switch (event.type()) {
            case "WorkbookCreated" ->
                catalogue.seen(
                        KnownDocument.WORKBOOK,
                        facts.workbookId(),
                        event.tenant(),
                        facts.name(),
                        revision,
                        event.time());
            case "WorkbookDeleted" -> catalogue.deleted(KnownDocument.WORKBOOK, facts.workbookId(), event.time());
            case "CellValuesChanged" -> {
                catalogue.seen(
                        KnownDocument.WORKBOOK, facts.workbookId(), event.tenant(), null, revision, event.time());
                propagation.cellsChanged(event.tenant(), facts.workbookId(), revision, changedCells(facts));
            }
            case "WorkbookStructureChanged" ->
                catalogue.seen(
                        KnownDocument.WORKBOOK, facts.workbookId(), event.tenant(), null, revision, event.time());
            default -> {} // other event types are not linking's concern
        }
    }

    private static List<Propagation.ChangedCell> changedCells(WorkbookFacts facts) {
        if (facts.cells() == null) {
            return List.of();
        }
        return facts.cells().stream()
                .map(cell -> new Propagation.ChangedCell(
                        cell.ref(), cell.newValue().type(), cell.newValue().value()))
                .toList();
    }

    private void dataset(EventEnvelope event) {
        DatasetFacts facts = codec.payload(event, DatasetFacts.class);
        switch (event.type()) {
            case "DatasetCreated", "DatasetVersionPublished" ->
                catalogue.seen(
                        KnownDocument.DATASET,
                        facts.datasetId(),
                        event.tenant(),
                        facts.name(),
                        facts.version() == null ? 0 : facts.version(),
                        event.time());
            default -> {}
        }
    }
}
