package io.ledgerflow.sharing.dataset;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.sharing.dataset.persistence.DatasetRepository;
import io.ledgerflow.sharing.dataset.persistence.DatasetRows;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Dataset use cases: each publish is one immutable version and one event, in one transaction. */
@Service
public class Datasets {

    public static final String AGGREGATE = "dataset";
    private static final Set<String> TYPES = Set.of("text", "number", "boolean", "date");

    /** The rows of one version of a dataset. */
    public record VersionRows(UUID datasetId, long version, List<Map<String, Object>> rows) {}

    private final DatasetRepository repository;
    private final DatasetRows rows;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    Datasets(DatasetRepository repository, DatasetRows rows, Outbox outbox) {
        this.repository = repository;
        this.rows = rows;
        this.outbox = outbox;
    }

    @Transactional
    public Dataset create(String workspace, String name, List<Dataset.Column> columns, String primaryKey) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            Dataset.Column column = columns.get(i);
            if (column == null || column.name() == null || column.name().isBlank()) {
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
        Dataset dataset = repository.save(Dataset.create(workspace, name, columns, primaryKey, clock.instant()));
        outbox.append(Topics.Sharing.DATASET_EVENTS, AGGREGATE, dataset.id().toString(), workspace, dataset.created());
        return dataset;
    }

    /** Publishes the rows as the next version; every row is checked first, so a bad one changes nothing. */
    @Transactional
    public Dataset publish(String workspace, UUID id, List<Map<String, Object>> newRows) {
        Dataset dataset =
                repository.findForUpdateByIdAndWorkspace(id, workspace).orElseThrow(() -> notFound(workspace, id));
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < newRows.size(); r++) {
            Map<String, Object> row = newRows.get(r);
            if (row == null) {
                throw new InvalidInputException("rows[" + r + "]", "a row is an object of column values");
            }
            for (String field : row.keySet()) {
                if (!dataset.hasColumn(field)) {
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
            if (byKey.put(keyOf(key), row) != null) {
                throw new InvalidInputException(
                        "rows[" + r + "]." + dataset.primaryKey(), "primary key " + key + " appears twice");
            }
        }
        Dataset published = repository.save(dataset.nextVersion());
        rows.append(id, published.latestVersion(), byKey, clock.instant());
        outbox.append(
                Topics.Sharing.DATASET_EVENTS, AGGREGATE, id.toString(), workspace, published.published(byKey.size()));
        return published;
    }

    @Transactional(readOnly = true)
    public Dataset get(String workspace, UUID id) {
        return repository.findByIdAndWorkspace(id, workspace).orElseThrow(() -> notFound(workspace, id));
    }

    @Transactional(readOnly = true)
    public List<Dataset> list(String workspace, int page, int size) {
        return repository.findByWorkspaceOrderByCreatedAtAscIdAsc(workspace, PageRequest.of(page, size));
    }

    @Transactional(readOnly = true)
    public long count(String workspace) {
        return repository.countByWorkspace(workspace);
    }

    /** The rows of a version (the latest when {@code version} is null), read in one transaction. */
    @Transactional(readOnly = true)
    public VersionRows rows(String workspace, UUID id, Long version) {
        Dataset dataset = get(workspace, id);
        long wanted = version == null ? dataset.latestVersion() : version;
        if (wanted < 1 || wanted > dataset.latestVersion()) {
            throw new NotFoundException(
                    "dataset " + id + " has no version " + wanted + " (it has " + dataset.latestVersion() + ")");
        }
        return new VersionRows(id, wanted, rows.rows(id, wanted));
    }

    /** Numbers that are equal are the same key: 1, 1.0 and 1.00 collide. */
    private static String keyOf(Object key) {
        if (key instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(key);
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
