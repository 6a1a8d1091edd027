package io.ledgerflow.linking.reference;

import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.parse.ParseException;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.Locale;

/**
 * A sheet-qualified block of cells in one canonical form: the sheet as written and 0-based,
 * inclusive rows and columns. {@code Src!A1}, {@code 'Src'!A1}, {@code Src!$A$1} and {@code
 * src!a1} are the same address; links store this form and match events by address, never by the
 * text of a reference. Sheet names compare case-insensitively, as in Excel.
 */
public record Area(String sheet, int row1, int col1, int row2, int col2) {

    public Area {
        if (sheet == null || sheet.isEmpty() || row1 < 0 || col1 < 0 || row2 < row1 || col2 < col1) {
            throw new IllegalArgumentException(
                    "not an area: " + sheet + " " + row1 + "," + col1 + ":" + row2 + "," + col2);
        }
    }

    public static Area cell(String sheet, int row, int col) {
        return new Area(sheet, row, col, row, col);
    }

    /**
     * Parses a reference with the formula engine's own reader (quoted or plain sheet names, {@code
     * $} anchors, a cell or a block); anything else is a 422 naming {@code field}.
     */
    public static Area parse(String field, String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidInputException(field, "a reference such as Sheet1!A1 or Sheet1!A1:B3 is required");
        }
        Expr expr;
        try {
            expr = FormulaParser.parse(reference.strip());
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + reference + "' is not a cell reference: " + e.getMessage());
        }
        return switch (expr) {
            case Expr.CellRef cell when cell.sheet() != null -> cell(cell.sheet(), cell.row(), cell.col());
            case Expr.AreaRef area
            when area.sheet() != null && area.kind() == Expr.AreaKind.CELLS ->
                new Area(area.sheet(), area.row1(), area.col1(), area.row2(), area.col2());
            default ->
                throw new InvalidInputException(
                        field,
                        "'" + reference
                                + "' is not a sheet-qualified cell or block such as Sheet1!A1 or Sheet1!A1:C10");
        };
    }

    /** The sheet as compared: case-insensitive. */
    public String sheetKey() {
        return sheetKey(sheet);
    }

    public static String sheetKey(String sheet) {
        return sheet.toLowerCase(Locale.ROOT);
    }

    public int rows() {
        return row2 - row1 + 1;
    }

    public int cols() {
        return col2 - col1 + 1;
    }

    public long cellCount() {
        return (long) rows() * cols();
    }

    public boolean isSingleCell() {
        return row1 == row2 && col1 == col2;
    }

    public boolean sameShape(Area other) {
        return rows() == other.rows() && cols() == other.cols();
    }

    public boolean contains(String sheet, int row, int col) {
        return sheetKey().equals(sheetKey(sheet)) && row >= row1 && row <= row2 && col >= col1 && col <= col2;
    }

    public boolean overlaps(Area other) {
        return sheetKey().equals(other.sheetKey())
                && row1 <= other.row2
                && other.row1 <= row2
                && col1 <= other.col2
                && other.col1 <= col2;
    }

    /** The cells in both, or null when they do not overlap. */
    public Area intersection(Area other) {
        if (!overlaps(other)) {
            return null;
        }
        return new Area(
                sheet,
                Math.max(row1, other.row1),
                Math.max(col1, other.col1),
                Math.min(row2, other.row2),
                Math.min(col2, other.col2));
    }

    /** Where this part of {@code from} lands in {@code to}, a block of the same shape (a link's cells). */
    public Area mapped(Area from, Area to) {
        int dr = to.row1 - from.row1;
        int dc = to.col1 - from.col1;
        return new Area(to.sheet, row1 + dr, col1 + dc, row2 + dr, col2 + dc);
    }

    /** The cell at offset ({@code dr}, {@code dc}) from the top-left corner. */
    public Area at(int dr, int dc) {
        return cell(sheet, row1 + dr, col1 + dc);
    }

    /** The canonical text: {@code 'Src'!A1} or {@code Sheet1!A1:B3} (quoted where Excel would). */
    @Override
    public String toString() {
        String first = FormulaPrinter.quoteSheet(sheet) + "!" + A1.cellName(row1, col1);
        return isSingleCell() ? first : first + ":" + A1.cellName(row2, col2);
    }
}
