package io.ledgerflow.sharing.publish;

import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.sharing.dataset.Column;
import io.ledgerflow.sharing.dataset.RowValues;
import io.ledgerflow.sharing.dataset.RowValues.BadRow;
import io.ledgerflow.sharing.dataset.Schema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a CSV upload (RFC 4180: comma-separated, double quotes around fields holding commas,
 * quotes or line breaks), read as they arrive. Line 1 is the header naming the columns, in any
 * order; columns it leaves out are null. In a delta a column {@code _delete} with {@code true}
 * deletes the row's key. An empty field is null.
 */
public final class CsvRows implements RowSource {

    /** The header column that marks rows to delete in a delta. */
    public static final String DELETE = "_delete";

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;

    public CsvRows(Reader in) {
        this.in = in;
    }

    @Override
    public void read(Schema schema, boolean full, Sink sink) {
        List<String> header = next();
        if (header == null) {
            throw new InvalidInputException("line 1", "a CSV upload starts with a header row naming the columns");
        }
        Column[] columns = new Column[header.size()];
        int deleteAt = -1;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (!seen.add(name)) {
                throw new BadRow("line 1", name, "column " + name + " is twice in the header");
            }
            if (name.equals(DELETE) && !full) {
                deleteAt = i;
                continue;
            }
            columns[i] = schema.column(name);
            if (columns[i] == null) {
                throw new BadRow("line 1", name, "the dataset has no column " + name);
            }
        }
        for (String key : schema.primaryKey()) {
            if (!seen.contains(key)) {
                throw new BadRow("line 1", key, "the header needs every key column " + schema.primaryKey());
            }
        }
        while (true) {
            long at = line;
            List<String> fields = next();
            if (fields == null) {
                return;
            }
            if (fields.size() == 1 && fields.getFirst().isEmpty()) {
                continue; // a blank line
            }
            String where = where(at);
            if (fields.size() != header.size()) {
                throw new BadRow(where, null, "has " + fields.size() + " fields; the header has " + header.size());
            }
            boolean delete = deleteAt >= 0
                    && "true".equalsIgnoreCase(fields.get(deleteAt).trim());
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                Column column = columns[i];
                if (column == null || (delete && !schema.primaryKey().contains(column.name()))) {
                    continue;
                }
                Object value = RowValues.parse(column, where, fields.get(i));
                if (value != null) {
                    values.put(column.name(), value);
                }
            }
            RowValues.requireKey(schema, where, values);
            sink.row(at, values, delete);
        }
    }

    @Override
    public String where(long ordinal) {
        return "line " + ordinal;
    }

    /** The fields of the next record, or null at the end of the input. */
    private List<String> next() {
        if (!fill()) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (fill()) {
            char c = buffer[position++];
            if (quoted) {
                if (c == '"') {
                    if (fill() && buffer[position] == '"') {
                        position++;
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BadRow(where(line), null, "a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    private boolean fill() {
        if (position < limit) {
            return true;
        }
        try {
            limit = in.read(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
        return limit > 0;
    }
}
