package io.ledgerflow.sharing.dataset.persistence;

import io.ledgerflow.sharing.dataset.Column;
import java.util.List;

/** SQL that turns a stored row's {@code jsonb} into the JSON object a client or an event sees. */
public final class RowObjects {

    private RowObjects() {}

    /**
     * {@code json_build_object(name, data -> name, …)} over {@code columns}, in their order, null where the row has no
     * value; adds its parameters (two per column) to {@code params}.
     */
    public static String jsonObject(String data, List<Column> columns, List<Object> params) {
        StringBuilder sql = new StringBuilder("json_build_object(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("?::text, ").append(data).append(" -> ?");
            params.add(columns.get(i).name());
            params.add(columns.get(i).name());
        }
        return sql.append(")").toString();
    }
}
