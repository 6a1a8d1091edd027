package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.sharing.dataset.persistence.DatasetStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Dataset use cases: each publish is one immutable version and one event, in one transaction. */
@Service
public class Datasets {

    private static final String AGGREGATE = "dataset";
    private static final Set<String> TYPES = Set.of("text", "number", "boolean", "date");

    private final DatasetStore store;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    Datasets(DatasetStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    @Transactional
    public Dataset create(String workspace, String name, List<Dataset.Column> columns, String primaryKey) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            Dataset.Column column = columns.get(i);
            if (column.name() == null || column.name().isBlank()) {
                throw new InvalidInputException("columns[" + i + "].name", "a column needs a name");
            }
            if (!TYPES.contains(column.type())) {
                throw new InvalidInputException(
                        "columns[" + i + "].type", "a column's type is one of " + TYPES + ", not " + column.type());
            }
            if (!names.add(column.name())) {
                throw new InvalidInputException("columns[" + i + "].name", "column " + column.name() + " is twice");
            }
        }
        if (!names.contains(primaryKey)) {
            throw new InvalidInputException("primaryKey", "the primary key must be one of the columns " + names);
        }
        Dataset dataset =
                new Dataset(UUID.randomUUID(), workspace, name, List.copyOf(columns), primaryKey, 0, clock.instant());
        store.insert(dataset);
        outbox.append(
                Topics.Sharing.DATASET_EVENTS,
                AGGREGATE,
                dataset.id().toString(),
                workspace,
                new DatasetEvents.DatasetCreated(dataset.id(), name, dataset.columns(), primaryKey));
        return dataset;
    }

    /** Publishes the rows as the next version; every row is checked first, so a bad one changes nothing. */
    @Transactional
    public Dataset publish(String workspace, UUID id, List<Map<String, Object>> rows) {
        Dataset dataset = store.lock(workspace, id).orElseThrow(() -> notFound(workspace, id));
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            for (String field : row.keySet()) {
                if (dataset.columns().stream().noneMatch(c -> c.name().equals(field))) {
                    throw new InvalidInputException("rows[" + r + "]." + field, "the dataset has no column " + field);
                }
            }
            for (Dataset.Column column : dataset.columns()) {
                check("rows[" + r + "]." + column.name(), column, row.get(column.name()));
            }
            Object key = row.get(dataset.primaryKey());
            if (key == null) {
                throw new InvalidInputException(
                        "rows[" + r + "]." + dataset.primaryKey(), "every row needs its primary key");
            }
            if (byKey.put(String.valueOf(key), row) != null) {
                throw new InvalidInputException(
                        "rows[" + r + "]." + dataset.primaryKey(), "primary key " + key + " appears twice");
            }
        }
        long version = dataset.latestVersion() + 1;
        store.publish(id, version, byKey, clock.instant());
        outbox.append(
                Topics.Sharing.DATASET_EVENTS,
                AGGREGATE,
                id.toString(),
                workspace,
                new DatasetEvents.DatasetVersionPublished(
                        id, dataset.name(), version, byKey.size(), dataset.columns()));
        return new Dataset(
                id, workspace, dataset.name(), dataset.columns(), dataset.primaryKey(), version, dataset.createdAt());
    }

    @Transactional(readOnly = true)
    public Dataset get(String workspace, UUID id) {
        return store.find(workspace, id).orElseThrow(() -> notFound(workspace, id));
    }

    @Transactional(readOnly = true)
    public List<Dataset> list(String workspace, int page, int size) {
        return store.list(workspace, page * size, size);
    }

    /** The rows of a version (the latest when {@code version} is null). */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> rows(String workspace, UUID id, Long version) {
        Dataset dataset = get(workspace, id);
        long wanted = version == null ? dataset.latestVersion() : version;
        if (wanted < 1 || wanted > dataset.latestVersion()) {
            throw new NotFoundException(
                    "dataset " + id + " has no version " + wanted + " (it has " + dataset.latestVersion() + ")");
        }
        return store.rows(id, wanted);
    }

    private static void check(String field, Dataset.Column column, Object value) {
        if (value == null) {
            return;
        }
        boolean ok = switch (column.type()) {
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "text" -> value instanceof String;
            case "date" -> value instanceof String text && isDate(text);
            default -> false;
        };
        if (!ok) {
            throw new InvalidInputException(field, "'" + value + "' is not a " + column.type());
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static NotFoundException notFound(String workspace, UUID id) {
        return new NotFoundException("dataset " + id + " does not exist in workspace " + workspace);
    }
}
