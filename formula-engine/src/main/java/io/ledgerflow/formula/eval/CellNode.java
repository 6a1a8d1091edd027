package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/** A single-cell reference. */
public final class CellNode extends Node {

    private final int id;
    public final int sheet;
    public final int row;
    public final int col;
    private final boolean rowAbs;
    private final boolean colAbs;
    private final boolean explicitSheet;

    public CellNode(int id, int sheet, int row, int col, boolean rowAbs, boolean colAbs, boolean explicitSheet) {
        this.id = id;
        this.sheet = sheet;
        this.row = row;
        this.col = col;
        this.rowAbs = rowAbs;
        this.colAbs = colAbs;
        this.explicitSheet = explicitSheet;
    }

    /** The referenced cell's node id. */
    public int id() {
        return id;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return ctx.cellById(id);
    }

    @Override
    public double evalDouble(EvalContext ctx) {
        return ctx.numberById(id);
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        return ctx.area(new Reference(sheet, row, col, row, col));
    }

    @Override
    public Reference evalReference(EvalContext ctx) {
        return new Reference(sheet, row, col, row, col);
    }

    @Override
    public boolean isReference() {
        return true;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        String s = explicitSheet || sheet != hostSheet ? sheetNames.apply(sheet) : null;
        return new Expr.CellRef(s, row, col, rowAbs, colAbs);
    }
}
