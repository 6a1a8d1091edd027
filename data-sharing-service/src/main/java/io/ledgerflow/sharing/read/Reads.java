package io.ledgerflow.sharing.read;

import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.Dataset;
import io.ledgerflow.sharing.dataset.DatasetVersion;
import io.ledgerflow.sharing.dataset.Datasets;
import io.ledgerflow.sharing.dataset.RowValues;
import io.ledgerflow.sharing.dataset.Schema;
import io.ledgerflow.sharing.read.persistence.RowVersionReader;
import io.ledgerflow.sharing.read.persistence.RowVersionReader.PageRow;
import io.ledgerflow.sharing.read.persistence.RowVersionReader.StoredChange;
import io.ledgerflow.sharing.read.persistence.RowVersionReader.StoredRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of a dataset version (latest, as of a version, as of a time), a row by key and the change
 * feed between two versions — each through a {@link Slice} (all for the owner, a grant's for a
 * grantee). A page never mixes versions (see {@link #rows}); a row by key and a page of the feed are each one
 * repeatable-read transaction.
 */
@Service
public class Reads {

    /** Which rows: a version or a time (neither: the latest), after a cursor, filters, projection. */
    public record RowQuery(
            Long version, Instant asOf, String cursor, int limit, List<String> filters, List<String> columns) {

        public RowQuery {
            filters = filters == null ? List.of() : filters;
        }
    }

    /** A page of rows in key order; {@code nextCursor} is null on the last page. */
    public record RowPage(
            Dataset dataset, DatasetVersion version, List<Column> columns, List<RowJson> rows, String nextCursor) {}

    /** A row's change between two versions: {@code inserted} (after), {@code updated} (both), {@code deleted} (before). */
    public record Change(List<String> key, String change, Map<String, Object> before, Map<String, Object> after) {}

    /** A page of changes in key order; {@code nextCursor} is null on the last page. */
    public record ChangePage(
            Dataset dataset, long from, long to, List<Column> columns, List<Change> changes, String nextCursor) {}

    private final Datasets datasets;
    private final RowVersionReader reader;

    Reads(Datasets datasets, RowVersionReader reader) {
        this.datasets = datasets;
        this.reader = reader;
    }

    /**
     * A page of version n's rows. No transaction: the version is found first (the caller's dataset's latest when
     * none is asked), then its rows — which never change — are read in one statement. That statement walks the
     * partial index of open row versions only while it sees n as the latest version (a publish committed in
     * between makes it find nothing, and the page is read again by the version range), so a page never mixes
     * versions. Two round trips to PostgreSQL fewer than a repeatable-read transaction (docs/benchmarks.md).
     */
    public RowPage rows(Dataset dataset, RowQuery query, Slice slice) {
        DatasetVersion version = version(dataset, query.version(), query.asOf());
        Schema schema = new Schema(version.columns(), dataset.primaryKey());
        List<Column> columns = project(schema, slice, query.columns());
        List<Condition> where = new ArrayList<>(slice.rowFilter());
        for (String filter : query.filters()) {
            where.add(Condition.parse(filter, visible(schema, slice)));
        }
        String after = decode(query.cursor());
        boolean latest = version.version() == dataset.latestVersion();
        List<PageRow> stored =
                reader.page(dataset.id(), version.version(), latest, after, query.limit() + 1, schema, where, columns);
        if (stored.isEmpty() && latest) {
            stored = reader.page(
                    dataset.id(), version.version(), false, after, query.limit() + 1, schema, where, columns);
        }
        boolean more = stored.size() > query.limit();
        List<PageRow> page = more ? stored.subList(0, query.limit()) : stored;
        return new RowPage(
                dataset,
                version,
                columns,
                page.stream().map(row -> new RowJson(row.json())).toList(),
                more ? encode(page.getLast().key()) : null);
    }

    /** The row with this key (its key values in text form, in key order), or 404. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RowPage row(Dataset asked, List<String> key, RowQuery query, Slice slice) {
        Dataset dataset = current(asked);
        DatasetVersion version = version(dataset, query.version(), query.asOf());
        Schema schema = new Schema(version.columns(), dataset.primaryKey());
        List<Column> columns = project(schema, slice, query.columns());
        if (key.size() != schema.primaryKey().size()) {
            throw new InvalidInputException(
                    "key",
                    "the key has " + schema.primaryKey().size() + " values " + schema.primaryKey() + "; got "
                            + key.size());
        }
        Map<String, Object> keyValues = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            Column column = schema.column(schema.primaryKey().get(i));
            keyValues.put(column.name(), RowValues.parse(column, "key", key.get(i)));
        }
        StoredRow row = reader.row(dataset.id(), version.version(), schema.key(keyValues));
        if (row == null || !slice.matches(row.values())) {
            throw new NotFoundException(
                    "version " + version.version() + " of dataset " + dataset.id() + " has no row with key " + key);
        }
        return new RowPage(dataset, version, columns, List.of(RowJson.of(values(columns, row.values()))), null);
    }

    /** The rows that differ between version {@code from} (0: empty) and {@code to}, as the slice sees them. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChangePage changes(Dataset asked, long from, Long toOrLatest, String cursor, int limit, Slice slice) {
        Dataset dataset = current(asked);
        long to = toOrLatest == null ? dataset.latestVersion() : toOrLatest;
        if (from > to) {
            throw new InvalidInputException("from", "from (" + from + ") must not be after to (" + to + ")");
        }
        datasets.version(dataset, from);
        DatasetVersion target = datasets.version(dataset, to);
        Schema schema = new Schema(target.columns(), dataset.primaryKey());
        List<Column> columns = project(schema, slice, null);
        List<StoredChange> stored = reader.changes(dataset.id(), from, to, decode(cursor), limit + 1);
        boolean more = stored.size() > limit;
        List<StoredChange> scanned = more ? stored.subList(0, limit) : stored;
        List<Change> changes = new ArrayList<>();
        for (StoredChange change : scanned) {
            Map<String, Object> before = slice.matches(change.before()) ? values(columns, change.before()) : null;
            Map<String, Object> after = slice.matches(change.after()) ? values(columns, change.after()) : null;
            List<String> key = Schema.keyParts(change.key());
            if (before == null && after != null) {
                changes.add(new Change(key, "inserted", null, after));
            } else if (before != null && after == null) {
                changes.add(new Change(key, "deleted", before, null));
            } else if (before != null && !same(before, after)) {
                changes.add(new Change(key, "updated", before, after));
            }
        }
        return new ChangePage(
                dataset,
                from,
                to,
                columns,
                changes,
                more && !scanned.isEmpty() ? encode(scanned.getLast().key()) : null);
    }

    /**
     * The dataset as of this read's snapshot: the caller found it in an earlier transaction, and a
     * publish may have committed since (its latest version then reads by the open row versions).
     */
    private Dataset current(Dataset asked) {
        return datasets.get(asked.id());
    }

    private DatasetVersion version(Dataset dataset, Long version, Instant asOf) {
        if (version != null && asOf != null) {
            throw new InvalidInputException("asOf", "ask for a version or a time (asOf), not both");
        }
        if (asOf != null) {
            return datasets.versionAt(dataset, asOf);
        }
        long wanted = version == null ? dataset.latestVersion() : version;
        if (wanted < 1) {
            throw new NotFoundException("dataset " + dataset.id() + " has no version " + wanted + " (it has "
                    + dataset.latestVersion() + ")");
        }
        return datasets.version(dataset, wanted);
    }

    private static Schema visible(Schema schema, Slice slice) {
        return new Schema(
                schema.columns().stream().filter(c -> slice.shows(c.name())).toList(), schema.primaryKey());
    }

    /** The columns a read shows: the version's, within the slice, narrowed to the asked ones. */
    private static List<Column> project(Schema schema, Slice slice, List<String> asked) {
        Schema visible = visible(schema, slice);
        if (asked == null || asked.isEmpty()) {
            return visible.columns();
        }
        for (String name : asked) {
            if (visible.column(name) == null) {
                throw new InvalidInputException(
                        "columns", "there is no column " + name + " (columns: " + visible.names() + ")");
            }
        }
        return visible.columns().stream().filter(c -> asked.contains(c.name())).toList();
    }

    private static Map<String, Object> values(List<Column> columns, Map<String, Object> stored) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : columns) {
            row.put(column.name(), stored.get(column.name()));
        }
        return row;
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            Object other = b.get(entry.getKey());
            if (entry.getValue() instanceof BigDecimal x && other instanceof BigDecimal y) {
                if (x.compareTo(y) != 0) {
                    return false;
                }
            } else if (!Objects.equals(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "not a cursor this service gave out");
        }
    }
}
