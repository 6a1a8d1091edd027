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
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * Learns of workbooks and datasets from the calculation and data-sharing services' events, each
 * applied once through the inbox, and hands value changes to propagation. Reads tolerantly: only
 * the fields linking needs. Two Spring Cloud Stream consumers in batch mode ({@code workbookEvents},
 * {@code datasetEvents}; bindings in application.yml): each poll's events in one transaction.
 *
 * <p>Each event is first <em>learnt</em> (the read model: {@code document}, {@code dataset_row},
 * {@code dataset_grant}) and then <em>reacted to</em> (links broken, moved or revoked, values propagated).
 * {@link ReadModelRebuild} replays the topics with {@code react = false}: it learns only, so nothing is
 * emitted twice.
 */
@Configuration(proxyBeanMethods = false)
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

    /** Calculation's workbook events (binding {@code workbookEvents-in-0}). */
    @Bean
    Consumer<Message<List<byte[]>>> workbookEvents() {
        return inbox.batchConsumer(WORKBOOK_CONSUMER, event -> workbook(event, true));
    }

    /** Data-sharing's dataset events (binding {@code datasetEvents-in-0}). */
    @Bean
    Consumer<Message<List<byte[]>>> datasetEvents() {
        return inbox.batchConsumer(DATASET_CONSUMER, event -> dataset(event, true));
    }

    /** A workbook event's effect; {@code react = false} learns it only (no link change, nothing emitted). */
    void workbook(EventEnvelope event, boolean react) {
        WorkbookFacts facts = codec.payload(event, WorkbookFacts.class);
        long revision = facts.revision() == null ? 1 : facts.revision();
        UUID id = facts.workbookId();
        switch (event.type()) {
            case "WorkbookCreated" ->
                catalogue.seen(KnownDocument.WORKBOOK, id, event.tenant(), facts.name(), revision, event.time());
            case "WorkbookDeleted" -> {
                catalogue.deleted(KnownDocument.WORKBOOK, id, event.time());
                if (react) {
                    links.documentDeleted(id, KnownDocument.WORKBOOK);
                }
            }
            case "CellValuesChanged" -> {
                seen(event, KnownDocument.WORKBOOK, id, revision);
                if (react) {
                    propagation.cellsChanged(id, revision, cells(facts));
                }
            }
            case "WorkbookStructureChanged" -> {
                seen(event, KnownDocument.WORKBOOK, id, revision);
                if (react && facts.operation() != null) {
                    links.structureChanged(id, facts.structureEdit());
                }
            }
            case "SourceValuesReported" -> {
                if (!react) {
                    return; // nothing to learn: it only answers a new link
                }
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

    /** A dataset event's effect; {@code react = false} learns it only (rows and grants kept, nothing carried). */
    void dataset(EventEnvelope event, boolean react) {
        DatasetFacts facts = codec.payload(event, DatasetFacts.class);
        UUID id = facts.datasetId();
        long version = facts.version() == null ? 0 : facts.version();
        Instant at = event.time();
        switch (event.type()) {
            case "DatasetCreated", "DatasetVersionPublished" ->
                catalogue.seen(KnownDocument.DATASET, id, event.tenant(), facts.name(), version, at);
            case "DatasetRowsChanged" -> {
                seen(event, KnownDocument.DATASET, id, version);
                List<Propagation.RowChange> rows = facts.rows() == null
                        ? List.of()
                        : facts.rows().stream()
                                .map(r -> new Propagation.RowChange(r.key(), r.change(), r.values()))
                                .toList();
                if (react) {
                    propagation.datasetRowsChanged(id, version, rows); // keeps the rows, then carries them
                } else {
                    rows.forEach(r -> datasets.rowChanged(
                            id, r.key(), "deleted".equals(r.change()) ? null : r.values(), version));
                }
            }
            case "DatasetDeleted" -> {
                catalogue.deleted(KnownDocument.DATASET, id, at);
                if (react) {
                    links.documentDeleted(id, KnownDocument.DATASET);
                }
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
                if (react) {
                    links.grantRevoked(facts.grantId());
                }
            }
            default -> {}
        }
    }
}
