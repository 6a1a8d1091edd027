package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A call that cannot be made: unknown function (#NAME?) or wrong argument count (#VALUE!). */
public final class UnknownCallNode extends Node {

    private final String name;
    private final Node[] args;
    private final ErrorValue error;

    public UnknownCallNode(String name, Node[] args, ErrorValue error) {
        this.name = name;
        this.args = args;
        this.error = error;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return error;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        List<Expr> list = new ArrayList<>(args.length);
        for (Node n : args) {
            list.add(n.toExpr(sheetNames, hostSheet));
        }
        return new Expr.Call(name, list);
    }
}
