package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code LET(name1, value1, [name2, value2, ...], calculation)}: the calculation compiled with each
 * name bound to its value's node (a {@link NameNode} over it, so the formula prints as written).
 * A value used twice is evaluated twice (nodes are pure), which gives the same result.
 */
public final class LetNode extends Node {

    private final List<String> names;
    private final Node[] values;
    private final Node body;

    public LetNode(List<String> names, Node[] values, Node body) {
        this.names = List.copyOf(names);
        this.values = values;
        this.body = body;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return body.eval(ctx);
    }

    @Override
    public double evalDouble(EvalContext ctx) {
        return body.evalDouble(ctx);
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        return body.evalGrid(ctx);
    }

    @Override
    public Reference evalReference(EvalContext ctx) {
        return body.evalReference(ctx);
    }

    @Override
    public boolean isReference() {
        return body.isReference();
    }

    @Override
    public boolean isReference(EvalContext ctx) {
        return body.isReference(ctx);
    }

    @Override
    public boolean isLambda() {
        return body.isLambda();
    }

    @Override
    public LambdaNode.Closure evalLambda(EvalContext ctx) {
        return body.evalLambda(ctx);
    }

    @Override
    public Object argument(EvalContext ctx) {
        return body.argument(ctx);
    }

    public Node body() {
        return body;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        List<Expr> args = new ArrayList<>(names.size() * 2 + 1);
        for (int i = 0; i < names.size(); i++) {
            args.add(new Expr.Name(names.get(i)));
            args.add(values[i].toExpr(sheetNames, hostSheet));
        }
        args.add(body.toExpr(sheetNames, hostSheet));
        return new Expr.Call("LET", args);
    }
}
