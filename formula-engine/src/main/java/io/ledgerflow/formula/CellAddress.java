package io.ledgerflow.formula;

import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import java.util.Objects;

/** A cell position: sheet name and 0-based row and column. Prints as {@code Sheet1!B2}. */
public record CellAddress(String sheet, int row, int col) {

    public CellAddress {
        Objects.requireNonNull(sheet, "sheet");
        if (row < 0 || col < 0) {
            throw new IllegalArgumentException("Negative row or column");
        }
    }

    /** Parses {@code Sheet1!B2} or {@code 'My Sheet'!B2}. */
    public static CellAddress parse(String a1) {
        Expr e = FormulaParser.parse(a1);
        if (e instanceof Expr.CellRef r && r.sheet() != null) {
            return new CellAddress(r.sheet(), r.row(), r.col());
        }
        throw new IllegalArgumentException("Not a sheet-qualified cell address: " + a1);
    }

    @Override
    public String toString() {
        return FormulaPrinter.quoteSheet(sheet) + "!" + A1.cellName(row, col);
    }
}
