package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionContext;
import io.ledgerflow.formula.function.FunctionSpec;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A call of a registered function (value or reference function). */
public final class CallNode extends Node {

    private final FunctionSpec spec;
    private final Node[] args;

    public CallNode(FunctionSpec spec, Node[] args) {
        this.spec = spec;
        this.args = args;
    }

    @Override
    public Value eval(EvalContext ctx) {
        CallArgs a = new CallArgs(args, ctx);
        try {
            if (spec.function() != null) {
                Value v = spec.function().apply(a);
                return v == null ? EmptyValue.INSTANCE : v;
            }
            if (spec.arrayFunction() != null) {
                return ArrayOps.first(spec.arrayFunction().apply(a));
            }
            Reference ref = spec.referenceFunction().apply(a);
            if (ref.rows() == 1 && ref.cols() == 1) {
                return ctx.cell(ref.sheet(), ref.row1(), ref.col1());
            }
            return ErrorValue.VALUE;
        } catch (FormulaError e) {
            return e.error();
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /**
     * The error value a function's unexpected exception stands for: errors are values, so no
     * exception of a function ever leaves an evaluation (a date out of range, an overflow, a
     * defect in a function): arithmetic and date-range failures are #NUM!, anything else #VALUE!.
     */
    public static ErrorValue failure(RuntimeException e) {
        return e instanceof ArithmeticException || e instanceof java.time.DateTimeException
                ? ErrorValue.NUM
                : ErrorValue.VALUE;
    }

    @Override
    public Grid evalGrid(EvalContext ctx) {
        if (spec.arrayFunction() != null) {
            try {
                Grid g = spec.arrayFunction().apply(new CallArgs(args, ctx));
                return g == null ? Grid.of(EmptyValue.INSTANCE) : g;
            } catch (FormulaError e) {
                return Grid.of(e.error());
            } catch (RuntimeException e) {
                return Grid.of(failure(e));
            }
        }
        if (spec.referenceFunction() != null) {
            Reference ref = evalReference(ctx);
            return ref == null ? Grid.of(ErrorValue.REF) : ctx.area(ref);
        }
        return super.evalGrid(ctx);
    }

    @Override
    public Reference evalReference(EvalContext ctx) {
        if (spec.referenceFunction() == null) {
            return null;
        }
        try {
            return spec.referenceFunction().apply(new CallArgs(args, ctx));
        } catch (FormulaError e) {
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reference functions, and array functions (their arrays are taken whole, as ranges are). */
    @Override
    public boolean isReference() {
        return spec.referenceFunction() != null || spec.arrayFunction() != null;
    }

    @Override
    public boolean isArray() {
        return spec.arrayFunction() != null;
    }

    public FunctionSpec spec() {
        return spec;
    }

    Node[] args() {
        return args;
    }

    @Override
    public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
        List<Expr> list = new ArrayList<>(args.length);
        for (Node n : args) {
            list.add(n.toExpr(sheetNames, hostSheet));
        }
        return new Expr.Call(spec.name(), list);
    }

    /** Lazily evaluated arguments of one call. */
    static final class CallArgs implements Args {
        private final Node[] args;
        private final EvalContext ctx;
        private Value[] cache;

        CallArgs(Node[] args, EvalContext ctx) {
            this.args = args;
            this.ctx = ctx;
        }

        @Override
        public int count() {
            return args.length;
        }

        @Override
        public boolean isMissing(int i) {
            return i >= args.length || args[i].isMissing();
        }

        @Override
        public boolean isReference(int i) {
            return i < args.length && args[i].isReference(ctx);
        }

        @Override
        public Value value(int i) {
            if (i >= args.length) {
                return EmptyValue.INSTANCE;
            }
            if (cache == null) {
                cache = new Value[args.length];
            }
            Value v = cache[i];
            if (v == null) {
                v = args[i].eval(ctx);
                cache[i] = v;
            }
            return v;
        }

        @Override
        public Grid grid(int i) {
            if (i >= args.length) {
                return Grid.of(EmptyValue.INSTANCE);
            }
            return args[i].evalGrid(ctx);
        }

        @Override
        public Reference reference(int i) {
            Reference r = i < args.length ? args[i].evalReference(ctx) : null;
            if (r == null) {
                throw FormulaError.of(ErrorValue.VALUE);
            }
            return r;
        }

        @Override
        public FunctionContext context() {
            return ctx;
        }
    }
}
