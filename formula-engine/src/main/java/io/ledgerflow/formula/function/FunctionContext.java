package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;

/** What a function may know about where it is evaluated. */
public interface FunctionContext {

    /** Sheet index, row and column (0-based) of the cell whose formula is being evaluated. */
    int hostSheet();

    int hostRow();

    int hostCol();

    /** The date TODAY() returns (fixed per engine clock). */
    LocalDate today();

    /**
     * Whether the workbook counts dates in the 1904 date system (serial 0 is 1904-01-01) rather than
     * the 1900 one; date functions read and return serials of the workbook's system.
     */
    default boolean date1904() {
        return false;
    }

    /** A view of an arbitrary area (for reference functions such as OFFSET). */
    Grid area(Reference ref);

    /** The value of one cell. */
    Value cell(int sheet, int row, int col);

    /** The index of a sheet by name (any case), or -1 (for INDIRECT). */
    default int sheetIndex(String name) {
        return -1;
    }

    /** The name of a sheet by index. */
    default String sheetName(int sheet) {
        return null;
    }

    /** The canonical formula text ("=...") of a cell, or null when it holds none (FORMULATEXT). */
    default String formulaText(int sheet, int row, int col) {
        return null;
    }
}
