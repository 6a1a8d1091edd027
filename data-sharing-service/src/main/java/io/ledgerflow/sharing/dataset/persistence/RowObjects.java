package io.ledgerflow.sharing.dataset.persistence;

import io.ledgerflow.sharing.dataset.Column;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** SQL that turns a stored row's {@code jsonb} into the JSON object a client or an event sees. */
public final class RowObjects {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RowObjects() {}

    /**
     * The text of the JSON object of {@code columns}, in their order, {@code null} where the row has no value:
     * {@code '{"a":' || coalesce((data -> 'a')::text, 'null') || ',"b":' || … || '}'}. Concatenating the members
     * costs PostgreSQL half of what {@code json_build_object} does (which looks up the type of each of its arguments
     * for every row): a 1,000-row page or a 10^6-row publish's events build this for every row (docs/benchmarks.md,
     * "Data sharing"). Adds its parameters (two per column) to {@code params}.
     */
    public static String jsonObject(String data, List<Column> columns, List<Object> params) {
        if (columns.isEmpty()) {
            return "'{}'";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            sql.append(i == 0 ? "" : " || ")
                    .append("?::text || coalesce((")
                    .append(data)
                    .append(" -> ?)::text, 'null')");
            params.add((i == 0 ? "{" : ",") + JSON.writeValueAsString(name) + ":");
            params.add(name);
        }
        return sql.append(" || '}')").toString();
    }
}
