package io.ledgerflow.linking.dataset;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A data-sharing grant as linking learnt it: {@code grantee} may read the dataset's {@code columns}
 * (all when null) of the rows matching every {@code rowFilter} condition (all rows when null).
 */
public record Grant(
        UUID grantId,
        UUID datasetId,
        String ownerWorkspace,
        String grantee,
        List<String> columns,
        List<Condition> rowFilter,
        boolean revoked) {

    /** One row condition: {@code op} is eq, ne, lt, le, gt or ge. */
    public record Condition(String column, String op, Object value) {

        boolean matches(Map<String, Object> row) {
            Object actual = row.get(column);
            if (actual == null || value == null) {
                return "ne".equals(op) ? actual != value : "eq".equals(op) && actual == value;
            }
            int c = compare(actual, value);
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "lt" -> c < 0;
                case "le" -> c <= 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                default -> false; // an operator linking does not know shares nothing
            };
        }

        private static int compare(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
            }
            return a.toString().compareTo(b.toString());
        }
    }

    public boolean coversColumn(String column) {
        return !revoked && (columns == null || columns.contains(column));
    }

    /** Whether the grantee may see {@code column} of a row with these values. */
    public boolean allows(String column, Map<String, Object> row) {
        return coversColumn(column) && (rowFilter == null || rowFilter.stream().allMatch(c -> c.matches(row)));
    }
}
