package io.ledgerflow.calculation.document;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * boolean, null, or a text starting with "=" as a formula). Sheet order is kept. Optional: its
     * defined names, and {@code date1904} when it counts dates in the 1904 date system (a file
     * saved with it). Both are left out of the stored form when absent, so older revisions read the same.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Create(Map<String, List<List<Object>>> sheets, List<DefinedName> names, Boolean date1904)
            implements Operation {

        public Create(Map<String, List<List<Object>>> sheets) {
            this(sheets, null, null);
        }

        public boolean in1904() {
            return Boolean.TRUE.equals(date1904);
        }

        public List<DefinedName> definedNames() {
            return names == null ? List.of() : names;
        }

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

    /** Inserts ({@code count > 0}) rows or columns before {@code at}, or deletes them. */
    record Restructure(Kind what, String sheet, int at, int count) implements Operation {
        public enum Kind {
            INSERT_ROWS,
            DELETE_ROWS,
            INSERT_COLUMNS,
            DELETE_COLUMNS
        }

        @Override
        public String kind() {
            return "restructure";
        }

        @Override
        public int cellCount() {
            return 0;
        }
    }

    /** Adds a sheet after the others, with optional contents. */
    record AddSheet(String name, List<List<Object>> rows) implements Operation {
        @Override
        public String kind() {
            return "add-sheet";
        }

        @Override
        public int cellCount() {
            return rows == null ? 0 : rows.stream().mapToInt(List::size).sum();
        }
    }

    /** Renames a sheet; references to it follow. */
    record RenameSheet(String from, String to) implements Operation {
        @Override
        public String kind() {
            return "rename-sheet";
        }

        @Override
        public int cellCount() {
            return 0;
        }
    }

    /** Puts the sheets in a new order; references name sheets, so nothing else changes. */
    record ReorderSheets(List<String> sheets) implements Operation {
        @Override
        public String kind() {
            return "reorder-sheets";
        }

        @Override
        public int cellCount() {
            return 0;
        }
    }

    /** Removes a sheet; references to it become #REF!. */
    record RemoveSheet(String name) implements Operation {
        @Override
        public String kind() {
            return "remove-sheet";
        }

        @Override
        public int cellCount() {
            return 0;
        }
    }

    /** Cuts a block and pastes it with its top-left at (toRow, toCol); references follow it. */
    record MoveRange(String fromSheet, int row1, int col1, int row2, int col2, String toSheet, int toRow, int toCol)
            implements Operation {
        @Override
        public String kind() {
            return "move-range";
        }

        @Override
        public int cellCount() {
            return (row2 - row1 + 1) * (col2 - col1 + 1);
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
