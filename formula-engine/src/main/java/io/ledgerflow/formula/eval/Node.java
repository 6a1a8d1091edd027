package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.Value;
import java.util.function.IntFunction;

/**
 * A compiled formula: a tree of nodes evaluated against an {@link EvalContext}. Nodes are
 * immutable and shared freely between threads.
 */
public abstract class Node {

    public abstract Value eval(EvalContext ctx);

    /**
     * Fast path for numbers: the result as a primitive double, or NaN meaning "not a plain finite
     * number here — call {@link #eval}". Nodes override it only where it is cheap and never
     * evaluates a function call, so falling back to {@code eval} never evaluates a call twice.
     */
    public double evalDouble(EvalContext ctx) {
        return Double.NaN;
    }

    /** The node as a grid (ranges: the area; anything else: its value as 1x1). */
    public Grid evalGrid(EvalContext ctx) {
        return Grid.of(eval(ctx));
    }

    /** The node as a reference, or null when it is not one. */
    public Reference evalReference(EvalContext ctx) {
        return null;
    }

    public boolean isReference() {
        return false;
    }

    /**
     * True when the node yields an array ({@link #evalGrid} is its result, {@link #eval} only its
     * first element): a formula with such a node on top spills (FILTER, SEQUENCE, {@code A1#},
     * operators of an array formula).
     */
    public boolean isArray() {
        return false;
    }

    public boolean isMissing() {
        return false;
    }

    /** The reference test at evaluation time: a lambda's parameter is one when its argument is. */
    public boolean isReference(EvalContext ctx) {
        return isReference();
    }

    /** True when the node yields a function value (LAMBDA, a name bound to one). */
    public boolean isLambda() {
        return false;
    }

    /** The function value the node yields, or null when it yields none. */
    public LambdaNode.Closure evalLambda(EvalContext ctx) {
        return null;
    }

    /**
     * The node as an argument of a lambda: a closure, a grid (an array or a multi-cell range), an
     * omitted argument or a value.
     */
    public Object argument(EvalContext ctx) {
        if (isMissing()) {
            return LambdaNode.MISSING;
        }
        if (isLambda()) {
            return evalLambda(ctx);
        }
        if (isArray() || (isReference(ctx) && !(this instanceof CellNode))) {
            return evalGrid(ctx);
        }
        return eval(ctx);
    }

    /**
     * The syntax tree this node was compiled from; sheet ids are mapped to names by
     * {@code sheetNames}, and references to the host sheet are written without a sheet.
     */
    public abstract Expr toExpr(IntFunction<String> sheetNames, int hostSheet);
}
