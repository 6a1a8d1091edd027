package io.ledgerflow.sharing.dataset;

import io.ledgerflow.service.problem.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks and normalises the values of rows against a schema: numbers become {@link BigDecimal},
 * decimals take their column's scale (more digits are refused, never rounded), dates stay ISO
 * text, null values are left out. A bad value is a {@link BadRow} naming the row and column.
 */
public final class RowValues {

    /** A row that cannot be published: 422 naming the row ({@code rows[i]} or {@code line n}) and column. */
    public static final class BadRow extends InvalidInputException {

        private final String row;
        private final String column;

        public BadRow(String row, String column, String message) {
            super(column == null ? row : row + "." + column, message);
            this.row = row;
            this.column = column;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("row", row);
            if (column != null) {
                properties.put("column", column);
            }
            return properties;
        }
    }

    private RowValues() {}

    /**
     * A row of typed JSON values checked against the schema; {@code keyOnly} rows (keys to delete)
     * may hold only key columns.
     */
    public static Map<String, Object> typed(Schema schema, String where, Map<String, Object> row, boolean keyOnly) {
        if (row == null) {
            throw new BadRow(where, null, "a row is an object of column values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : row.entrySet()) {
            Column column = schema.column(field.getKey());
            if (column == null || (keyOnly && !schema.primaryKey().contains(column.name()))) {
                throw new BadRow(
                        where,
                        field.getKey(),
                        (keyOnly
                                ? "a key names only key columns " + schema.primaryKey()
                                : "the dataset has no column " + field.getKey()));
            }
            Object value = value(column, where, field.getValue());
            if (value != null) {
                values.put(column.name(), value);
            }
        }
        requireKey(schema, where, values);
        return values;
    }

    /** A value of the column's type from its text form (CSV, filters); empty text is null. */
    public static Object parse(Column column, String where, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (column.type()) {
            case "text" -> text;
            case "boolean" -> {
                if (text.equalsIgnoreCase("true")) {
                    yield Boolean.TRUE;
                }
                if (text.equalsIgnoreCase("false")) {
                    yield Boolean.FALSE;
                }
                throw bad(column, where, text);
            }
            case "date" -> date(column, where, text);
            default -> {
                try {
                    yield number(column, where, new BigDecimal(text.trim()));
                } catch (NumberFormatException e) {
                    throw bad(column, where, text);
                }
            }
        };
    }

    public static void requireKey(Schema schema, String where, Map<String, Object> values) {
        for (String key : schema.primaryKey()) {
            if (values.get(key) == null) {
                throw new BadRow(where, key, "every row needs its primary key " + schema.primaryKey());
            }
        }
    }

    /** A key value's text: numbers that are equal have one text ({@code 1}, {@code 1.0}). */
    public static String keyText(Object value) {
        if (value instanceof BigDecimal number) {
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return keyText(new BigDecimal(number.toString()));
        }
        return String.valueOf(value);
    }

    /** A typed JSON value of the column's type (null stays null), normalised. */
    public static Object value(Column column, String where, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case "text" -> value instanceof String ? value : fail(column, where, value);
            case "boolean" -> value instanceof Boolean ? value : fail(column, where, value);
            case "date" -> value instanceof String text ? date(column, where, text) : fail(column, where, value);
            default ->
                value instanceof Number n
                        ? number(column, where, new BigDecimal(n.toString()))
                        : fail(column, where, value);
        };
    }

    private static BigDecimal number(Column column, String where, BigDecimal number) {
        if (!column.type().equals("decimal")) {
            return number;
        }
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() > column.scale()) {
            throw new BadRow(
                    where, column.name(), number + " has more than " + column.scale() + " digits after the point");
        }
        return number.setScale(column.scale());
    }

    private static String date(Column column, String where, String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw bad(column, where, text);
        }
    }

    private static Object fail(Column column, String where, Object value) {
        throw bad(column, where, value);
    }

    private static BadRow bad(Column column, String where, Object value) {
        String type = column.type().equals("decimal") ? "decimal(" + column.scale() + ")" : column.type();
        return new BadRow(where, column.name(), "'" + value + "' is not a " + type);
    }
}
