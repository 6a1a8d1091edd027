package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/** A named expression; an undefined name evaluates to #NAME?. */
public final class NameNode extends Node {

    private final String name;
    private final Node target;

    public NameNode(String name, Node target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return target == null ? ErrorValue.NAME : target.eval(ctx);
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        return target == null ? Grid.of(ErrorValue.NAME) : target.evalGrid(ctx);
    }

    @Override
    public Reference evalReference(EvalContext ctx) {
        return target == null ? null : target.evalReference(ctx);
    }

    @Override
    public boolean isReference() {
        return target != null && target.isReference();
    }

    @Override
    public boolean isReference(EvalContext ctx) {
        return target != null && target.isReference(ctx);
    }

    @Override
    public boolean isLambda() {
        return target != null && target.isLambda();
    }

    @Override
    public LambdaNode.Closure evalLambda(EvalContext ctx) {
        return target == null ? null : target.evalLambda(ctx);
    }

    @Override
    public Object argument(EvalContext ctx) {
        return target == null ? ErrorValue.NAME : target.argument(ctx);
    }

    /** The bound node, or null for an undefined name. */
    public Node target() {
        return target;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        return new Expr.Name(name);
    }
}
