package io.ledgerflow.linking.intake.messaging;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventEnvelope;
import io.ledgerflow.eventlog.inbox.Inbox;
import io.ledgerflow.linking.dataset.Grant;
import io.ledgerflow.linking.dataset.persistence.DatasetStore;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.linking.link.Links;
import io.ledgerflow.linking.propagation.Propagation;
import io.ledgerflow.linking.reference.Area;
import io.ledgerflow.linking.reference.StructureEdit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Learns of workbooks and datasets from the calculation and data-sharing services' events, each
 * applied once through the inbox, and hands value changes to propagation. Reads tolerantly: only
 * the fields linking needs.
 */
@Component
class SourceEventsListener {

    static final String WORKBOOK_CONSUMER = "linking-workbook-events";
    static final String DATASET_CONSUMER = "linking-dataset-events";

    /** Linking's view of calculation's workbook events (SourceValuesReported included). */
    record WorkbookFacts(
            UUID workbookId,
            String name,
            Long revision,
            List<Change> cells,
            UUID linkId,
            String problem,
            String operation,
            String sheet,
            String toSheet,
            Integer at,
            Integer count,
            String from,
            String to) {

        StructureEdit structureEdit() {
            return new StructureEdit(
                    operation,
                    sheet,
                    toSheet,
                    at,
                    count,
                    from == null ? null : Area.parse("from", from),
                    to == null ? null : Area.parse("to", to));
        }
    }

    /** One changed or reported cell: {@code sheet}/{@code row}/{@code col} when given, else {@code ref}. */
    record Change(String ref, String sheet, Integer row, Integer col, Value newValue, Value value) {

        Propagation.SourceCell cell() {
            Value v = newValue != null ? newValue : value;
            Area at = sheet != null && row != null && col != null ? Area.cell(sheet, row, col) : Area.parse("ref", ref);
            return new Propagation.SourceCell(
                    at.sheet(), at.row1(), at.col1(), v == null ? "empty" : v.type(), v == null ? null : v.value());
        }
    }

    record Value(String type, Object value) {}

    /** Linking's view of data-sharing's dataset events. */
    record DatasetFacts(
            UUID datasetId,
            String name,
            Long version,
            List<Row> rows,
            UUID grantId,
            String grantee,
            JsonNode columns,
            List<Grant.Condition> rowFilter) {}

    record Row(List<String> key, String change, Map<String, Object> values) {}

    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final DocumentCatalogue catalogue;
    private final DatasetStore datasets;
    private final Propagation propagation;
    private final Links links;

    SourceEventsListener(
            Inbox inbox,
            EnvelopeCodec codec,
            DocumentCatalogue catalogue,
            DatasetStore datasets,
            Propagation propagation,
            Links links) {
        this.inbox = inbox;
        this.codec = codec;
        this.catalogue = catalogue;
        this.datasets = datasets;
        this.propagation = propagation;
        this.links = links;
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
        UUID id = facts.workbookId();
        switch (event.type()) {
            case "WorkbookCreated" ->
                catalogue.seen(KnownDocument.WORKBOOK, id, event.tenant(), facts.name(), revision, event.time());
            case "WorkbookDeleted" -> {
                catalogue.deleted(KnownDocument.WORKBOOK, id, event.time());
                links.documentDeleted(id, KnownDocument.WORKBOOK);
            }
            case "CellValuesChanged" -> {
                seen(event, KnownDocument.WORKBOOK, id, revision);
                propagation.cellsChanged(id, revision, cells(facts));
            }
            case "WorkbookStructureChanged" -> {
                seen(event, KnownDocument.WORKBOOK, id, revision);
                if (facts.operation() != null) {
                    links.structureChanged(id, facts.structureEdit());
                }
            }
            case "SourceValuesReported" -> {
                if (facts.problem() != null) {
                    links.sourceUnreadable(facts.linkId(), facts.problem());
                } else {
                    propagation.reported(id, facts.linkId(), revision, cells(facts));
                }
            }
            default -> {} // other event types are not linking's concern
        }
    }

    /** DatasetShared names the shared columns (absent: all); DatasetCreated's columns are definitions. */
    private static List<String> sharedColumns(JsonNode columns) {
        if (columns == null || columns.isNull() || columns.isMissingNode()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.isObject() ? c.path("name").asString() : c.asString()));
        return names;
    }

    private void seen(EventEnvelope event, String type, UUID id, long latest) {
        catalogue.seen(type, id, event.tenant(), null, latest, event.time());
    }

    private static List<Propagation.SourceCell> cells(WorkbookFacts facts) {
        return facts.cells() == null
                ? List.of()
                : facts.cells().stream().map(Change::cell).toList();
    }

    private void dataset(EventEnvelope event) {
        DatasetFacts facts = codec.payload(event, DatasetFacts.class);
        UUID id = facts.datasetId();
        long version = facts.version() == null ? 0 : facts.version();
        Instant at = event.time();
        switch (event.type()) {
            case "DatasetCreated", "DatasetVersionPublished" ->
                catalogue.seen(KnownDocument.DATASET, id, event.tenant(), facts.name(), version, at);
            case "DatasetRowsChanged" -> {
                seen(event, KnownDocument.DATASET, id, version);
                propagation.datasetRowsChanged(
                        id,
                        version,
                        facts.rows() == null
                                ? List.of()
                                : facts.rows().stream()
                                        .map(r -> new Propagation.RowChange(r.key(), r.change(), r.values()))
                                        .toList());
            }
            case "DatasetDeleted" -> {
                catalogue.deleted(KnownDocument.DATASET, id, at);
                links.documentDeleted(id, KnownDocument.DATASET);
            }
            case "DatasetShared" ->
                datasets.granted(
                        new Grant(
                                facts.grantId(),
                                id,
                                event.tenant(),
                                facts.grantee(),
                                sharedColumns(facts.columns()),
                                facts.rowFilter(),
                                false),
                        at);
            case "DatasetShareRevoked" -> {
                datasets.revoked(facts.grantId(), id, event.tenant(), facts.grantee(), at);
                links.grantRevoked(facts.grantId());
            }
            default -> {}
        }
    }
}
