package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code LAMBDA(param1, ..., calculation)}: a function value. Its parameters compile to
 * {@link Param} nodes that read the arguments of the current call from the evaluation context (a
 * {@link Frame} per call, chained to the context the lambda was created in, so an inner lambda
 * sees its outer lambda's arguments and LET's names: a closure). Its value in a cell is
 * {@code #CALC!}, as in Excel; it is called by {@link LambdaCalls.Apply} ({@code LAMBDA(x,x+1)(2)},
 * a LET name or a defined name called like a function) and by MAP, REDUCE, SCAN, BYROW, BYCOL and
 * MAKEARRAY. The body's references are the formula's precedents like any other.
 */
public final class LambdaNode extends Node {

    /** An omitted argument ({@code f(1,)}): ISOMITTED is TRUE, its value is empty. */
    static final Object MISSING = new Object();

    private final List<String> params;
    private final Object key;
    private final Node body;

    public LambdaNode(List<String> params, Object key, Node body) {
        this.params = List.copyOf(params);
        this.key = key;
        this.body = body;
    }

    /** A fresh parameter of the lambda created with {@code key}. */
    public static Node param(String name, Object key, int index) {
        return new Param(name, key, index);
    }

    public int arity() {
        return params.size();
    }

    public Node body() {
        return body;
    }

    @Override
    public Value eval(EvalContext ctx) {
        return ErrorValue.CALC;
    }

    @Override
    public Closure evalLambda(EvalContext ctx) {
        return new Closure(this, ctx);
    }

    @Override
    public boolean isLambda() {
        return true;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        List<Expr> args = new ArrayList<>(params.size() + 1);
        for (String p : params) {
            args.add(new Expr.Name(p));
        }
        args.add(body.toExpr(sheetNames, hostSheet));
        return new Expr.Call("LAMBDA", args);
    }

    /** A lambda with the context it was created in: what a call evaluates its body against. */
    public record Closure(LambdaNode lambda, EvalContext ctx) {

        public int arity() {
            return lambda.arity();
        }

        /** The call's context: arguments are values, grids, closures or {@link #MISSING}. */
        EvalContext frame(Object[] args) {
            return new Frame(ctx, lambda.key, args);
        }

        /** One value: the first element of an array result, #CALC! for a nested array. */
        public Value scalar(Object... args) {
            Node b = lambda.body;
            EvalContext f = frame(args);
            if (b.isArray() || b.isReference(f)) {
                Grid g = b.evalGrid(f);
                return g.rows() == 1 && g.cols() == 1 ? ArrayOps.at(g, 0, 0) : ErrorValue.CALC;
            }
            return b.eval(f);
        }

        /** The result as a value or, when the body yields arrays, a grid (REDUCE's accumulator). */
        public Object result(Object... args) {
            return lambda.body.argument(frame(args));
        }
    }

    /** A parameter: reads its argument from the innermost frame of its lambda. */
    static final class Param extends Node {
        private final String name;
        private final Object key;
        private final int index;

        Param(String name, Object key, int index) {
            this.name = name;
            this.key = key;
            this.index = index;
        }

        Object raw(EvalContext ctx) {
            for (EvalContext c = ctx; c instanceof Frame f; c = f.parent) {
                if (f.key == key) {
                    return f.args[index];
                }
            }
            return ErrorValue.VALUE; // not inside a call of its lambda
        }

        boolean omitted(EvalContext ctx) {
            return raw(ctx) == MISSING;
        }

        @Override
        public Value eval(EvalContext ctx) {
            Object v = raw(ctx);
            return switch (v) {
                case Value x -> x;
                case Grid g -> ArrayOps.first(g);
                default -> v == MISSING ? EmptyValue.INSTANCE : ErrorValue.CALC;
            };
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            return raw(ctx) instanceof io.ledgerflow.formula.value.NumberValue n ? n.value() : Double.NaN;
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            return raw(ctx) instanceof Grid g ? g : Grid.of(eval(ctx));
        }

        @Override
        public boolean isReference(EvalContext ctx) {
            return raw(ctx) instanceof Grid;
        }

        @Override
        public Closure evalLambda(EvalContext ctx) {
            return raw(ctx) instanceof Closure c ? c : null;
        }

        @Override
        public Object argument(EvalContext ctx) {
            return raw(ctx);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Name(name);
        }
    }

    /** The context of one call: the arguments, and everything else from the enclosing context. */
    static final class Frame implements EvalContext {
        final EvalContext parent;
        final Object key;
        final Object[] args;

        Frame(EvalContext parent, Object key, Object[] args) {
            this.parent = parent;
            this.key = key;
            this.args = args;
        }

        @Override
        public Grid rangeGrid(Object rangeHandle) {
            return parent.rangeGrid(rangeHandle);
        }

        @Override
        public Value cellById(int id) {
            return parent.cellById(id);
        }

        @Override
        public double numberById(int id) {
            return parent.numberById(id);
        }

        @Override
        public Grid spill(int cellId) {
            return parent.spill(cellId);
        }

        @Override
        public Reference spillArea(int cellId) {
            return parent.spillArea(cellId);
        }

        @Override
        public String sheetName(int sheet) {
            return parent.sheetName(sheet);
        }

        @Override
        public int hostSheet() {
            return parent.hostSheet();
        }

        @Override
        public int hostRow() {
            return parent.hostRow();
        }

        @Override
        public int hostCol() {
            return parent.hostCol();
        }

        @Override
        public LocalDate today() {
            return parent.today();
        }

        @Override
        public boolean date1904() {
            return parent.date1904();
        }

        @Override
        public Grid area(Reference ref) {
            return parent.area(ref);
        }

        @Override
        public Value cell(int sheet, int row, int col) {
            return parent.cell(sheet, row, col);
        }

        @Override
        public int sheetIndex(String name) {
            return parent.sheetIndex(name);
        }

        @Override
        public String formulaText(int sheet, int row, int col) {
            return parent.formulaText(sheet, row, col);
        }
    }
}
