package io.ledgerflow.calculation.cell;

import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.parse.ParseException;
import io.ledgerflow.service.problem.InvalidInputException;

/**
 * A sheet-qualified block of cells as users write it: {@code Sheet1!B2}, {@code Sheet1!A1:C10},
 * {@code 'My Sheet'!A1:B9}. Rows and columns are 0-based and inclusive.
 */
public record CellRange(String sheet, int row1, int col1, int row2, int col2) {

    /** Parses a reference; anything else is a 422 naming the field and what was wrong. */
    public static CellRange parse(String field, String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidInputException(field, "a cell reference such as Sheet1!A1 is required");
        }
        Expr expr;
        try {
            expr = FormulaParser.parse(reference);
        } catch (ParseException e) {
            throw new InvalidInputException(field, "'" + reference + "' is not a cell reference: " + e.getMessage());
        }
        return switch (expr) {
            case Expr.CellRef cell
            when cell.sheet() != null -> new CellRange(cell.sheet(), cell.row(), cell.col(), cell.row(), cell.col());
            case Expr.AreaRef area
            when area.sheet() != null && area.kind() == Expr.AreaKind.CELLS ->
                new CellRange(area.sheet(), area.row1(), area.col1(), area.row2(), area.col2());
            default ->
                throw new InvalidInputException(
                        field,
                        "'" + reference
                                + "' is not a sheet-qualified cell or block such as Sheet1!A1 or Sheet1!A1:C10");
        };
    }

    public long cellCount() {
        return (long) (row2 - row1 + 1) * (col2 - col1 + 1);
    }

    public boolean isSingleCell() {
        return row1 == row2 && col1 == col2;
    }

    public static String name(String sheet, int row, int col) {
        return FormulaPrinter.quoteSheet(sheet) + "!" + A1.cellName(row, col);
    }

    @Override
    public String toString() {
        String first = name(sheet, row1, col1);
        return isSingleCell() ? first : first + ":" + A1.cellName(row2, col2);
    }
}
