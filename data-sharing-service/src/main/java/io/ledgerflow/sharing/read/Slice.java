package io.ledgerflow.sharing.read;

import java.util.List;
import java.util.Map;

/**
 * The part of a dataset a reader may see: {@code columns} (null: all) and the rows matching every
 * condition of {@code rowFilter}. The owner sees {@link #ALL}; a grantee its grant's slice, in
 * every read and in the change feed.
 */
public record Slice(List<String> columns, List<Condition> rowFilter) {

    public static final Slice ALL = new Slice(null, List.of());

    public Slice {
        columns = columns == null ? null : List.copyOf(columns);
        rowFilter = List.copyOf(rowFilter);
    }

    public boolean shows(String column) {
        return columns == null || columns.contains(column);
    }

    public boolean matches(Map<String, Object> values) {
        return values != null && rowFilter.stream().allMatch(c -> c.matches(values));
    }
}
