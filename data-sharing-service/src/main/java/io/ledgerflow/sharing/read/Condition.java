package io.ledgerflow.sharing.read;

import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.RowValues;
import io.ledgerflow.sharing.dataset.Schema;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * A condition on a column: {@code op} one of {@code eq}, {@code ne}, {@code lt}, {@code le},
 * {@code gt}, {@code ge}. Numbers compare by value, text and dates by their characters (dates are
 * ISO, so by time), booleans false before true; a row without a value never matches. Query
 * filters ({@code filter=rate:gt:1.0}) and grants' row filters are conditions.
 */
public record Condition(String column, String op, Object value) {

    public static final Set<String> OPS = Set.of("eq", "ne", "lt", "le", "gt", "ge");

    /** {@code column:op:value}, the value in its text form (the rest after the second colon). */
    public static Condition parse(String filter, Schema schema) {
        String[] parts = filter.split(":", 3);
        if (parts.length < 3) {
            throw new InvalidInputException("filter", "a filter is column:op:value, not " + filter);
        }
        Column column = column(schema, parts[0], "filter");
        return of(column, parts[1], RowValues.parse(column, "filter", parts[2]), "filter");
    }

    /** This condition with its value checked and normalised against the schema (a typed JSON value). */
    public Condition typed(Schema schema, String field) {
        Column typed = column(schema, column, field);
        return of(typed, op, RowValues.value(typed, field, value), field);
    }

    /** Whether the row's values satisfy it, as the SQL the reads use does. */
    public boolean matches(Map<String, Object> values) {
        Object actual = values.get(column);
        if (actual == null || value == null) {
            return false;
        }
        int order = compare(actual, value);
        return switch (op) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "lt" -> order < 0;
            case "le" -> order <= 0;
            case "gt" -> order > 0;
            default -> order >= 0;
        };
    }

    /** The SQL comparison operator. */
    public String sqlOperator() {
        return switch (op) {
            case "eq" -> "=";
            case "ne" -> "<>";
            case "lt" -> "<";
            case "le" -> "<=";
            case "gt" -> ">";
            default -> ">=";
        };
    }

    private static int compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (actual instanceof Boolean a && expected instanceof Boolean b) {
            return a.compareTo(b);
        }
        return actual.toString().compareTo(expected.toString());
    }

    private static Condition of(Column column, String op, Object value, String field) {
        if (!OPS.contains(op)) {
            throw new InvalidInputException(field, "a condition's op is one of " + OPS + ", not " + op);
        }
        if (value == null) {
            throw new InvalidInputException(field, "a condition on " + column.name() + " needs a value");
        }
        return new Condition(column.name(), op, value);
    }

    private static Column column(Schema schema, String name, String field) {
        Column column = schema.column(name);
        if (column == null) {
            throw new InvalidInputException(field, "there is no column " + name + " (columns: " + schema.names() + ")");
        }
        return column;
    }
}
