package io.ledgerflow.sharing.publish;

import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.sharing.dataset.RowValues;
import io.ledgerflow.sharing.dataset.Schema;
import java.util.List;
import java.util.Map;

/** The rows of a JSON publish: {@code rows} to put (whole rows), {@code delete} keys (delta only). */
public record JsonRows(List<Map<String, Object>> rows, List<Map<String, Object>> delete) implements RowSource {

    public JsonRows {
        rows = rows == null ? List.of() : rows;
        delete = delete == null ? List.of() : delete;
    }

    @Override
    public void read(Schema schema, boolean full, Sink sink) {
        if (full && !delete.isEmpty()) {
            throw new InvalidInputException(
                    "delete", "a full publish deletes every row it leaves out; delete is for deltas");
        }
        for (int i = 0; i < rows.size(); i++) {
            sink.row(i, RowValues.typed(schema, where(i), rows.get(i), false), false);
        }
        for (int i = 0; i < delete.size(); i++) {
            long ordinal = rows.size() + i;
            sink.row(ordinal, RowValues.typed(schema, where(ordinal), delete.get(i), true), true);
        }
    }

    @Override
    public String where(long ordinal) {
        return ordinal < rows.size() ? "rows[" + ordinal + "]" : "delete[" + (ordinal - rows.size()) + "]";
    }
}
