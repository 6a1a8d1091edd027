package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/** A literal, or an error standing in for a sub-expression that cannot be resolved. */
public final class ConstNode extends Node {

    private final Value value;
    private final Expr expr;
    private final double number;

    public ConstNode(Value value, Expr expr) {
        this.value = value;
        this.expr = expr;
        this.number = value instanceof NumberValue n ? n.value() : Double.NaN;
    }

    @Override
    public double evalDouble(EvalContext ctx) {
        return number;
    }

    /** The literal as a double, NaN when it is not a number. */
    public double number() {
        return number;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return value;
    }

    @Override
    public boolean isMissing() {
        return expr instanceof Expr.Missing;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        return expr;
    }
}
