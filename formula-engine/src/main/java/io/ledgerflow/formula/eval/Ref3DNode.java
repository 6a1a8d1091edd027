package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/**
 * A 3-D reference ({@code Jan:Mar!B5}, {@code 'Q1:Q4'!A1:A9}): the same cell or area on every
 * sheet from the first to the last named, in the workbook's sheet order when the formula compiled.
 * Functions see one grid with the sheets' areas stacked (SUM, COUNT, AVERAGE, MAX, ... accept
 * 3-D references and do not depend on the order); as a single value it is #VALUE!, as in Excel.
 */
public final class Ref3DNode extends Node {

    private final String sheets;
    private final Node[] parts;

    /** {@code sheets} is the "First:Last" text as written; {@code parts} one node per sheet. */
    public Ref3DNode(String sheets, Node[] parts) {
        this.sheets = sheets;
        this.parts = parts;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return ErrorValue.VALUE;
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        Grid[] grids = new Grid[parts.length];
        int rows = 0;
        int cols = 0;
        for (int i = 0; i < parts.length; i++) {
            grids[i] = parts[i].evalGrid(ctx);
            rows += grids[i].rows();
            cols = Math.max(cols, grids[i].cols());
        }
        int totalRows = rows;
        int totalCols = cols;
        return new Grid() {
            @Override
            public int rows() {
                return totalRows;
            }

            @Override
            public int cols() {
                return totalCols;
            }

            @Override
            public Value get(int row, int col) {
                int r = row;
                for (Grid g : grids) {
                    if (r < g.rows()) {
                        return col < g.cols() ? g.get(r, col) : EmptyValue.INSTANCE;
                    }
                    r -= g.rows();
                }
                return EmptyValue.INSTANCE;
            }
        };
    }

    @Override
    public boolean isReference() {
        return true;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        return onSheet(parts[0].toExpr(sheetNames, hostSheet), sheets);
    }

    /** The same cell or area reference written with another sheet name. */
    public static Expr onSheet(Expr e, String sheet) {
        return switch (e) {
            case Expr.CellRef r -> new Expr.CellRef(sheet, r.row(), r.col(), r.rowAbs(), r.colAbs());
            case Expr.AreaRef a ->
                new Expr.AreaRef(
                        sheet,
                        a.row1(),
                        a.col1(),
                        a.row2(),
                        a.col2(),
                        a.row1Abs(),
                        a.col1Abs(),
                        a.row2Abs(),
                        a.col2Abs(),
                        a.kind());
            case Expr other -> other;
        };
    }
}
