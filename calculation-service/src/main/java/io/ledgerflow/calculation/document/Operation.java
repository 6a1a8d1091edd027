package io.ledgerflow.calculation.document;

import java.util.List;
import java.util.Map;

/**
 * One immutable change of a workbook, as stored in its revision log. Replaying a workbook's
 * operations in revision order rebuilds its state at any revision.
 */
public sealed interface Operation {

    /** The stored kind, a stable name. */
    String kind();

    /** How many cells the operation writes (for limits and the revision list). */
    int cellCount();

    /**
     * Revision 1: the workbook's initial sheets, each a 2-D array of contents (number, text,
     * boolean, null, or a text starting with "=" as a formula). Sheet order is kept.
     */
    record Create(Map<String, List<List<Object>>> sheets) implements Operation {
        @Override
        public String kind() {
            return "create";
        }

        @Override
        public int cellCount() {
            return sheets.values().stream()
                    .mapToInt(rows -> rows.stream().mapToInt(List::size).sum())
                    .sum();
        }
    }

    /** Sets the contents of some cells, all in one revision. */
    record SetCells(List<CellEdit> cells) implements Operation {
        @Override
        public String kind() {
            return "set-cells";
        }

        @Override
        public int cellCount() {
            return cells.size();
        }
    }

    /** The workbook was deleted; its history stays readable. */
    record Delete() implements Operation {
        @Override
        public String kind() {
            return "delete";
        }

        @Override
        public int cellCount() {
            return 0;
        }
    }

    /** One cell's new content; rows and columns are 0-based. */
    record CellEdit(String sheet, int row, int col, Object content) {}
}
