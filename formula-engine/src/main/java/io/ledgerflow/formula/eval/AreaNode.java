package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/** A range reference backed by a range node of the dependency graph. */
public final class AreaNode extends Node {

    private final Expr.AreaRef shape;
    public final int sheet;
    private final boolean explicitSheet;
    private final Object rangeHandle;

    public AreaNode(Expr.AreaRef shape, int sheet, boolean explicitSheet, Object rangeHandle) {
        this.shape = shape;
        this.sheet = sheet;
        this.explicitSheet = explicitSheet;
        this.rangeHandle = rangeHandle;
    }

    public Object rangeHandle() {
        return rangeHandle;
    }

    public Expr.AreaRef shape() {
        return shape;
    }

    @Override
    public Value eval(EvalContext ctx) {
        // Implicit intersection: a one-column range read in row r yields the cell in row r.
        if (shape.col1() == shape.col2() && ctx.hostSheet() == sheet) {
            int r = ctx.hostRow();
            if (r >= shape.row1() && r <= shape.row2()) {
                return ctx.cell(sheet, r, shape.col1());
            }
        }
        if (shape.row1() == shape.row2() && ctx.hostSheet() == sheet) {
            int c = ctx.hostCol();
            if (c >= shape.col1() && c <= shape.col2()) {
                return ctx.cell(sheet, shape.row1(), c);
            }
        }
        if (shape.row1() == shape.row2() && shape.col1() == shape.col2()) {
            return ctx.cell(sheet, shape.row1(), shape.col1());
        }
        return ErrorValue.VALUE;
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        return ctx.rangeGrid(rangeHandle);
    }

    @Override
    public Reference evalReference(EvalContext ctx) {
        return new Reference(sheet, shape.row1(), shape.col1(), shape.row2(), shape.col2());
    }

    @Override
    public boolean isReference() {
        return true;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        String s = explicitSheet || sheet != hostSheet ? sheetNames.apply(sheet) : null;
        return new Expr.AreaRef(
                s,
                shape.row1(),
                shape.col1(),
                shape.row2(),
                shape.col2(),
                shape.row1Abs(),
                shape.col1Abs(),
                shape.row2Abs(),
                shape.col2Abs(),
                shape.kind());
    }
}
