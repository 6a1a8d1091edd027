package io.ledgerflow.sharing.publish;

import io.ledgerflow.sharing.dataset.Schema;
import java.util.Map;

/** The rows of a publish, read once and in order (a JSON body or a streamed CSV upload). */
public interface RowSource {

    /** Receives each checked row: its position, its normalised values, and whether it deletes its key. */
    interface Sink {
        void row(long ordinal, Map<String, Object> values, boolean delete);
    }

    /** Checks every row against the schema and hands it on; a bad row throws a {@code BadRow}. */
    void read(Schema schema, boolean full, Sink sink);

    /** Where the row at {@code ordinal} is, for problems ({@code rows[3]}, {@code line 7}). */
    String where(long ordinal);
}
