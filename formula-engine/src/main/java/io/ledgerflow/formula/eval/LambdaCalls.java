package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Calls of lambdas ({@link LambdaNode}): a lambda called directly ({@link Apply}), ISOMITTED, and
 * the functions that call one per element (MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY). Errors are
 * values: a lambda argument that is none, or whose parameter count does not fit, is #VALUE!; a
 * lambda that yields an array where MAP, SCAN, BYROW, BYCOL or MAKEARRAY want one value is
 * #CALC! at that element, as in Excel.
 */
public final class LambdaCalls {

    /** The names compiled here (besides LAMBDA itself), with their argument counts. */
    public static boolean isHelper(String name) {
        return switch (name) {
            case "MAP", "REDUCE", "SCAN", "BYROW", "BYCOL", "MAKEARRAY", "ISOMITTED" -> true;
            default -> false;
        };
    }

    /** Whether {@code name} takes {@code n} arguments. */
    public static boolean acceptsArgCount(String name, int n) {
        return switch (name) {
            case "MAP" -> n >= 2;
            case "REDUCE", "SCAN" -> n == 2 || n == 3;
            case "BYROW", "BYCOL" -> n == 2;
            case "MAKEARRAY" -> n == 3;
            default -> n == 1; // ISOMITTED
        };
    }

    /** The node of a helper call whose argument count fits. */
    public static Node of(String name, Node[] args) {
        return switch (name) {
            case "MAP" -> new Map(args);
            case "REDUCE" -> new Reduce(args);
            case "SCAN" -> new Scan(args);
            case "BYROW" -> new ByRowCol(name, args, true);
            case "BYCOL" -> new ByRowCol(name, args, false);
            case "MAKEARRAY" -> new MakeArray(args);
            default -> new IsOmitted(args);
        };
    }

    /** The lambda a node yields statically (through names and LET), or null. */
    public static LambdaNode staticLambda(Node n) {
        Node x = n;
        while (true) {
            if (x instanceof LambdaNode l) {
                return l;
            }
            if (x instanceof NameNode nn && nn.target() != null) {
                x = nn.target();
            } else if (x instanceof LetNode let) {
                x = let.body();
            } else {
                return null;
            }
        }
    }

    private LambdaCalls() {}

    private static LambdaNode.Closure closure(Node n, int arity, EvalContext ctx) {
        LambdaNode.Closure c = n.evalLambda(ctx);
        if (c == null || c.arity() != arity) {
            throw FormulaError.of(ErrorValue.VALUE);
        }
        return c;
    }

    private static Object[] arguments(Node[] args, EvalContext ctx) {
        Object[] a = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].argument(ctx);
        }
        return a;
    }

    private static Expr call(String name, Node[] args, IntFunction<String> sheetNames, int hostSheet) {
        return new Expr.Call(name, exprs(args, sheetNames, hostSheet));
    }

    private static List<Expr> exprs(Node[] args, IntFunction<String> sheetNames, int hostSheet) {
        List<Expr> list = new ArrayList<>(args.length);
        for (Node a : args) {
            list.add(a.toExpr(sheetNames, hostSheet));
        }
        return list;
    }

    /** A node whose result is an array when its lambda's body yields one (known when it compiles). */
    abstract static class LambdaResult extends Node {
        private final boolean array;

        LambdaResult(Node lambda) {
            LambdaNode l = staticLambda(lambda);
            this.array = l != null && l.body().isArray();
        }

        @Override
        public boolean isArray() {
            return array;
        }

        @Override
        public boolean isReference() {
            return array;
        }
    }

    /** A value out of a lambda's result where one value is wanted (a grid: its only element). */
    private static Value single(Object r) {
        return switch (r) {
            case Value v -> v;
            case Grid g -> g.rows() == 1 && g.cols() == 1 ? ArrayOps.at(g, 0, 0) : ErrorValue.CALC;
            default -> ErrorValue.CALC;
        };
    }

    /**
     * A lambda called: {@code LAMBDA(x,x+1)(2)}, {@code f(2)} for a LET name or defined name
     * {@code f} bound to a lambda, {@code MAKEADDER(1)(2)}. Printed as written.
     */
    public static final class Apply extends LambdaResult {
        private final String name;
        private final Node function;
        private final Node[] args;
        private final boolean lambda;

        /** {@code name}: how the call is written ({@code F(2)}), or null for {@code (...)(2)}. */
        public Apply(String name, Node function, Node[] args) {
            super(function);
            this.name = name;
            this.function = function;
            this.args = args;
            LambdaNode l = staticLambda(function);
            this.lambda = l != null && l.body().isLambda();
        }

        /** The call: its value (mode 0), its grid (1) or the lambda it yields (2). */
        private Object invoke(EvalContext ctx, int mode) {
            LambdaNode.Closure c = function.evalLambda(ctx);
            ErrorValue error = null;
            if (c == null) {
                error = function.eval(ctx) instanceof ErrorValue e ? e : ErrorValue.VALUE;
            } else if (c.arity() != args.length) {
                error = ErrorValue.VALUE;
            }
            if (error != null) {
                return mode == 0 ? error : (mode == 1 ? Grid.of(error) : null);
            }
            EvalContext f = c.frame(arguments(args, ctx));
            Node b = c.lambda().body();
            return switch (mode) {
                case 0 -> b.isArray() ? ArrayOps.first(b.evalGrid(f)) : b.eval(f);
                case 1 -> b.evalGrid(f);
                default -> b.evalLambda(f);
            };
        }

        @Override
        public Value eval(EvalContext ctx) {
            return (Value) invoke(ctx, 0);
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            return (Grid) invoke(ctx, 1);
        }

        @Override
        public LambdaNode.Closure evalLambda(EvalContext ctx) {
            return (LambdaNode.Closure) invoke(ctx, 2);
        }

        @Override
        public boolean isLambda() {
            return lambda;
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            if (name != null) {
                return LambdaCalls.call(name, args, sheetNames, hostSheet);
            }
            return new Expr.Apply(function.toExpr(sheetNames, hostSheet), exprs(args, sheetNames, hostSheet));
        }
    }

    /** ISOMITTED(param): TRUE when the lambda was called with that argument left out. */
    static final class IsOmitted extends Node {
        private final Node[] args;

        IsOmitted(Node[] args) {
            this.args = args;
        }

        @Override
        public Value eval(EvalContext ctx) {
            Node n = args[0];
            while (n instanceof NameNode nn && nn.target() != null) {
                n = nn.target();
            }
            return BooleanValue.of(n instanceof LambdaNode.Param p && p.omitted(ctx));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return call("ISOMITTED", args, sheetNames, hostSheet);
        }
    }

    /** A helper whose result is an array, element by element. */
    abstract static class Elementwise extends ArrayOps.ArrayValued {
        private final String name;
        final Node[] args;

        Elementwise(String name, Node[] args) {
            this.name = name;
            this.args = args;
        }

        abstract Grid compute(EvalContext ctx);

        @Override
        public final Grid evalGrid(EvalContext ctx) {
            try {
                return compute(ctx);
            } catch (FormulaError e) {
                return Grid.of(e.error());
            } catch (RuntimeException e) {
                return Grid.of(CallNode.failure(e));
            }
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return call(name, args, sheetNames, hostSheet);
        }
    }

    /** MAP(array1, [array2, ...], lambda): the lambda of one element of each array. */
    static final class Map extends Elementwise {
        Map(Node[] args) {
            super("MAP", args);
        }

        @Override
        Grid compute(EvalContext ctx) {
            int n = args.length - 1;
            LambdaNode.Closure f = closure(args[n], n, ctx);
            Grid[] grids = new Grid[n];
            int rows = 1;
            int cols = 1;
            for (int i = 0; i < n; i++) {
                grids[i] = args[i].evalGrid(ctx);
                rows = ArrayOps.broadcast(rows, grids[i].rows());
                cols = ArrayOps.broadcast(cols, grids[i].cols());
            }
            Value[][] out = new Value[rows][cols];
            Object[] a = new Object[n];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    for (int i = 0; i < n; i++) {
                        a[i] = ArrayOps.at(grids[i], r, c);
                    }
                    out[r][c] = f.scalar(a.clone());
                }
            }
            return Grid.of(out);
        }
    }

    /** SCAN([initial], array, lambda(accumulator, value)): every intermediate accumulator. */
    static final class Scan extends Elementwise {
        Scan(Node[] args) {
            super("SCAN", args);
        }

        @Override
        Grid compute(EvalContext ctx) {
            int n = args.length;
            LambdaNode.Closure f = closure(args[n - 1], 2, ctx);
            Object acc = n == 3 ? args[0].argument(ctx) : LambdaNode.MISSING;
            Grid g = args[n - 2].evalGrid(ctx);
            Value[][] out = new Value[g.rows()][g.cols()];
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    acc = f.result(acc, ArrayOps.at(g, r, c));
                    out[r][c] = single(acc);
                }
            }
            return Grid.of(out);
        }
    }

    /** BYROW(array, lambda(row)) and BYCOL(array, lambda(column)): one value per row (column). */
    static final class ByRowCol extends Elementwise {
        private final boolean rows;

        ByRowCol(String name, Node[] args, boolean rows) {
            super(name, args);
            this.rows = rows;
        }

        @Override
        Grid compute(EvalContext ctx) {
            LambdaNode.Closure f = closure(args[1], 1, ctx);
            Grid g = args[0].evalGrid(ctx);
            int n = rows ? g.rows() : g.cols();
            Value[][] out = rows ? new Value[n][1] : new Value[1][n];
            for (int i = 0; i < n; i++) {
                Value[][] part = rows ? new Value[1][g.cols()] : new Value[g.rows()][1];
                for (int j = 0; j < (rows ? g.cols() : g.rows()); j++) {
                    if (rows) {
                        part[0][j] = ArrayOps.at(g, i, j);
                    } else {
                        part[j][0] = ArrayOps.at(g, j, i);
                    }
                }
                Value v = f.scalar(Grid.of(part));
                if (rows) {
                    out[i][0] = v;
                } else {
                    out[0][i] = v;
                }
            }
            return Grid.of(out);
        }
    }

    /** MAKEARRAY(rows, columns, lambda(row, column)), rows and columns counted from 1. */
    static final class MakeArray extends Elementwise {
        MakeArray(Node[] args) {
            super("MAKEARRAY", args);
        }

        @Override
        Grid compute(EvalContext ctx) {
            int rows = count(args[0].eval(ctx));
            int cols = count(args[1].eval(ctx));
            if ((long) rows * cols > 1 << 20) {
                return Grid.of(ErrorValue.NUM);
            }
            LambdaNode.Closure f = closure(args[2], 2, ctx);
            Value[][] out = new Value[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[r][c] = f.scalar(NumberValue.of(r + 1), NumberValue.of(c + 1));
                }
            }
            return Grid.of(out);
        }

        private static int count(Value v) {
            Value n = Values.toNumber(v);
            if (n instanceof ErrorValue e) {
                throw FormulaError.of(e);
            }
            double d = Math.floor(((NumberValue) n).value());
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw FormulaError.of(ErrorValue.VALUE);
            }
            return (int) d;
        }
    }

    /**
     * REDUCE([initial], array, lambda(accumulator, value)): the last accumulator, an array when
     * the lambda yields arrays.
     */
    static final class Reduce extends LambdaResult {
        private final Node[] args;

        Reduce(Node[] args) {
            super(args[args.length - 1]);
            this.args = args;
        }

        private Object result(EvalContext ctx) {
            try {
                int n = args.length;
                LambdaNode.Closure f = closure(args[n - 1], 2, ctx);
                Object acc = n == 3 ? args[0].argument(ctx) : LambdaNode.MISSING;
                Grid g = args[n - 2].evalGrid(ctx);
                for (int r = 0; r < g.rows(); r++) {
                    for (int c = 0; c < g.cols(); c++) {
                        acc = f.result(acc, ArrayOps.at(g, r, c));
                    }
                }
                return acc;
            } catch (FormulaError e) {
                return e.error();
            } catch (RuntimeException e) {
                return CallNode.failure(e);
            }
        }

        @Override
        public Value eval(EvalContext ctx) {
            Object r = result(ctx);
            return r instanceof Grid g ? ArrayOps.first(g) : single(r);
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            Object r = result(ctx);
            return r instanceof Grid g ? g : Grid.of(single(r));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return call("REDUCE", args, sheetNames, hostSheet);
        }
    }
}
