package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.eval.EvalContext;
import io.ledgerflow.formula.eval.Node;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/**
 * {@code SUM(range)} over one range node: the range node already holds the sum, so the numeric
 * fast path reads it without any allocation. Everything else delegates to the general call.
 */
final class SumAreaNode extends Node {

    private final Node call;
    private final RangeNode range;

    SumAreaNode(Node call, RangeNode range) {
        this.call = call;
        this.range = range;
    }

    @Override
    public double evalDouble(EvalContext ctx) {
        double s = range.sumIfNoError();
        return Double.isInfinite(s) ? Double.NaN : (s == 0 ? 0.0 : s);
    }

    @Override
    public Value eval(EvalContext ctx) {
        return call.eval(ctx);
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        return call.toExpr(sheetNames, hostSheet);
    }
}
