package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An array constant {@code {1,2;3,4}}. Functions see it as a grid, as they see a range (SUM adds
 * its numbers, INDEX picks from it, SUMPRODUCT multiplies it out); where one value is wanted it
 * is its first element, as in Excel's implicit intersection of a constant.
 */
public final class ArrayNode extends Node {

    private final Expr.Array expr;
    private final Value[][] values;
    private final Grid grid;

    private ArrayNode(Expr.Array expr, Value[][] values) {
        this.expr = expr;
        this.values = values;
        this.grid = Grid.of(values);
    }

    public static ArrayNode of(Expr.Array a) {
        Value[][] v = new Value[a.rows().size()][];
        for (int r = 0; r < v.length; r++) {
            List<Expr> row = a.rows().get(r);
            v[r] = new Value[row.size()];
            for (int c = 0; c < row.size(); c++) {
                v[r][c] = switch (row.get(c)) {
                    case Expr.Num n -> Value.of(n.value());
                    case Expr.Str s -> Value.of(s.value());
                    case Expr.Bool b -> Value.of(b.value());
                    case Expr.Err e -> e.error();
                    default -> ErrorValue.VALUE;
                };
            }
        }
        return new ArrayNode(a, v);
    }

    @Override
    public Value eval(EvalContext ctx) {
        return values[0][0];
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        return grid;
    }

    /** Functions take it whole, as a range argument (its texts and booleans skipped by SUM). */
    @Override
    public boolean isReference() {
        return true;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        return expr;
    }
}
