package io.ledgerflow.sharing.dataset;

import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a dataset version and its primary key. Checks definitions and schema changes;
 * {@link RowValues} checks the rows against it.
 */
public record Schema(List<Column> columns, List<String> primaryKey) {

    /** Separates the parts of a multi-column key in its stored form. */
    public static final char KEY_SEPARATOR = '\u001f';

    public Schema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Column column(String name) {
        for (Column column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        return null;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** Checks a new dataset's columns and key (422 naming {@code columns[i].x} or {@code primaryKey}). */
    public static Schema define(List<Column> columns, List<String> primaryKey) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column == null || column.name() == null || column.name().isBlank()) {
                throw new InvalidInputException("columns[" + i + "].name", "a column needs a name");
            }
            if (!Column.TYPES.contains(column.type())) {
                throw new InvalidInputException(
                        "columns[" + i + "].type",
                        "a column's type is one of " + Column.TYPES + ", not " + column.type());
            }
            if (column.type().equals("decimal")
                    && (column.scale() == null || column.scale() < 0 || column.scale() > 38)) {
                throw new InvalidInputException(
                        "columns[" + i + "].scale", "a decimal column needs a scale of 0 to 38");
            }
            if (!column.type().equals("decimal") && column.scale() != null) {
                throw new InvalidInputException("columns[" + i + "].scale", "only a decimal column has a scale");
            }
            if (!names.add(column.name())) {
                throw new InvalidInputException("columns[" + i + "].name", "column " + column.name() + " is twice");
            }
        }
        if (primaryKey == null || primaryKey.isEmpty()) {
            throw new InvalidInputException("primaryKey", "a dataset needs a primary key of one or more columns");
        }
        Set<String> keys = new HashSet<>();
        for (String key : primaryKey) {
            if (!names.contains(key)) {
                throw new InvalidInputException("primaryKey", "the primary key must be among the columns " + names);
            }
            if (!keys.add(key)) {
                throw new InvalidInputException("primaryKey", "key column " + key + " is twice");
            }
        }
        return new Schema(columns, primaryKey);
    }

    /**
     * The schema of the next version. Adding columns and widening types (a decimal's scale up,
     * decimal to number) are always allowed; dropping a column or narrowing or changing a type
     * only when {@code allowBreaking} and in a full publish (the rows are all given anew); the
     * primary key never changes.
     */
    public Schema evolve(List<Column> next, boolean allowBreaking, boolean full) {
        Schema evolved = define(next, primaryKey);
        for (String key : primaryKey) {
            if (!column(key).equals(evolved.column(key))) {
                throw new InvalidInputException("columns", "the primary-key column " + key + " cannot change");
            }
        }
        for (Column before : columns) {
            Column after = evolved.column(before.name());
            String breaking = after == null
                    ? "dropping column " + before.name() + " breaks readers"
                    : before.widensTo(after)
                            ? null
                            : "column " + before.name() + " cannot change from " + describe(before) + " to "
                                    + describe(after) + " (only widening)";
            if (breaking != null && !allowBreaking) {
                throw new InvalidInputException(
                        "columns", breaking + "; send allowBreakingSchemaChange: true to do it anyway");
            }
            if (breaking != null && !full) {
                throw new InvalidInputException("columns", breaking + "; a breaking change needs a full publish");
            }
        }
        return evolved;
    }

    /** The row's key in its stored form: the key values as text, in key order. */
    public String key(Map<String, Object> row) {
        if (primaryKey.size() == 1) {
            return RowValues.keyText(row.get(primaryKey.getFirst()));
        }
        StringBuilder key = new StringBuilder();
        for (String column : primaryKey) {
            if (!key.isEmpty()) {
                key.append(KEY_SEPARATOR);
            }
            key.append(RowValues.keyText(row.get(column)));
        }
        return key.toString();
    }

    /** A stored key as the list of its values' texts (the {@code key} of DatasetRowsChanged). */
    public static List<String> keyParts(String storedKey) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < storedKey.length(); i++) {
            if (storedKey.charAt(i) == KEY_SEPARATOR) {
                parts.add(storedKey.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(storedKey.substring(start));
        return parts;
    }

    /** A row with every column of this schema, in column order (null where it has no value). */
    public Map<String, Object> complete(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : columns) {
            row.put(column.name(), values.get(column.name()));
        }
        return row;
    }

    private static String describe(Column column) {
        return column.type().equals("decimal") ? "decimal(" + column.scale() + ")" : column.type();
    }
}
