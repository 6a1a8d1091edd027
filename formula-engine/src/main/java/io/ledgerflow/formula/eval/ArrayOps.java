package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.FunctionSpec;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.Arrays;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Evaluation over arrays: what operators and scalar functions do inside an array formula
 * ({@code {=SUM(IF(A1:A9>0,B1:B9))}}) or an argument of an array function ({@code FILTER(A1:A9,
 * B1:B9>0)}). Operands are broadcast as Excel broadcasts them: a single row or column repeats to
 * the other operand's size; where sizes differ otherwise, positions past the smaller are
 * {@code #N/A}. Element by element, each operator or function computes exactly what it computes on
 * scalars (the same node classes evaluate each element).
 */
public final class ArrayOps {

    private ArrayOps() {}

    /**
     * Functions whose arguments are evaluated over arrays even in a plain formula (as Excel does):
     * {@code FILTER(A1:A9, B1:B9>0)}, {@code SUMPRODUCT((A1:A9="x")*B1:B9)}.
     */
    public static final Set<String> ARRAY_ARGUMENTS = Set.of(
            "FILTER",
            "SORT",
            "SORTBY",
            "UNIQUE",
            "SUMPRODUCT",
            "XLOOKUP",
            "XMATCH",
            "TRANSPOSE",
            "MMULT",
            "TOCOL",
            "TOROW",
            "VSTACK",
            "HSTACK",
            "CHOOSECOLS",
            "CHOOSEROWS",
            "TAKE",
            "DROP",
            "MAP",
            "REDUCE",
            "BYROW",
            "BYCOL",
            "FREQUENCY",
            "WRAPROWS",
            "WRAPCOLS",
            "EXPAND");

    /** Functions of scalars that an array formula applies element by element ({@link Lift}). */
    public static final Set<String> LIFTED = Set.of(
            "IF",
            "IFERROR",
            "IFNA",
            "ABS",
            "ROUND",
            "ROUNDUP",
            "ROUNDDOWN",
            "INT",
            "TRUNC",
            "MOD",
            "SIGN",
            "SQRT",
            "EXP",
            "LN",
            "LOG",
            "LOG10",
            "POWER",
            "LEN",
            "LEFT",
            "RIGHT",
            "MID",
            "UPPER",
            "LOWER",
            "PROPER",
            "TRIM",
            "VALUE",
            "TEXT",
            "ISNUMBER",
            "ISTEXT",
            "ISBLANK",
            "ISERROR",
            "ISERR",
            "ISNA",
            "ISLOGICAL",
            "ISEVEN",
            "ISODD",
            "NOT",
            "EXACT",
            "SEARCH",
            "FIND",
            "SUBSTITUTE",
            "REPT",
            "YEAR",
            "MONTH",
            "DAY",
            "WEEKDAY",
            "DATE",
            "N",
            "CHAR",
            "CODE",
            "CONCATENATE",
            "DATEVALUE",
            "EOMONTH",
            "EDATE",
            "FLOOR",
            "CEILING");

    /** The first element of an array (what a single value of it is); an empty array is #CALC!. */
    public static Value first(Grid g) {
        return g.rows() == 0 || g.cols() == 0 ? ErrorValue.CALC : g.get(0, 0);
    }

    /** An array's values copied out (grids over ranges are views that change with the cells). */
    public static Value[][] materialize(Grid g) {
        int rows = g.rows();
        int cols = g.cols();
        Value[][] v = new Value[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Value x = g.get(r, c);
                v[r][c] = x == null ? EmptyValue.INSTANCE : x;
            }
        }
        return v;
    }

    static int broadcast(int a, int b) {
        return a == 1 ? b : (b == 1 ? a : Math.max(a, b));
    }

    /** The element of a broadcast operand at (r, c); #N/A past its size. */
    static Value at(Grid g, int r, int c) {
        int gr = g.rows() == 1 ? 0 : r;
        int gc = g.cols() == 1 ? 0 : c;
        if (gr >= g.rows() || gc >= g.cols()) {
            return ErrorValue.NA;
        }
        Value v = g.get(gr, gc);
        return v == null ? EmptyValue.INSTANCE : v;
    }

    /** The operand as a grid when it may be an array (a range, an array), else null (a scalar). */
    static Grid operand(Node n, EvalContext ctx) {
        if (n.isArray() || n.isReference(ctx)) {
            Grid g = n.evalGrid(ctx);
            if (g.rows() != 1 || g.cols() != 1) {
                return g;
            }
            return Grid.of(g.get(0, 0));
        }
        return Grid.of(n.eval(ctx));
    }

    /**
     * A node whose value is an array: {@link #eval} is its first element, it spills from the top of
     * a formula, and functions take it whole, as they take a range.
     */
    abstract static class ArrayValued extends Node {
        @Override
        public Value eval(EvalContext ctx) {
            return first(evalGrid(ctx));
        }

        @Override
        public boolean isArray() {
            return true;
        }

        @Override
        public boolean isReference() {
            return true;
        }
    }

    /** A binary operator element by element. */
    public static final class Binary extends ArrayValued {
        private final String op;
        private final Node left;
        private final Node right;

        public Binary(String op, Node left, Node right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            Grid a = operand(left, ctx);
            Grid b = operand(right, ctx);
            int rows = broadcast(a.rows(), b.rows());
            int cols = broadcast(a.cols(), b.cols());
            Value[][] out = new Value[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[r][c] = OpNodes.apply(op, at(a, r, c), at(b, r, c));
                }
            }
            return Grid.of(out);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Binary(op, left.toExpr(sheetNames, hostSheet), right.toExpr(sheetNames, hostSheet));
        }
    }

    /** Unary minus/plus or percent element by element ({@code op} '-', '+' or '%'). */
    public static final class Unary extends ArrayValued {
        private final char op;
        private final Node operand;

        public Unary(char op, Node operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            Grid a = operand(operand, ctx);
            Value[][] out = new Value[a.rows()][a.cols()];
            for (int r = 0; r < out.length; r++) {
                for (int c = 0; c < out[r].length; c++) {
                    out[r][c] = OpNodes.unary(op, at(a, r, c));
                }
            }
            return Grid.of(out);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            Expr e = operand.toExpr(sheetNames, hostSheet);
            return op == '%' ? new Expr.Percent(e) : new Expr.Unary(op, e);
        }
    }

    /**
     * A function of scalars applied element by element to its array arguments ({@code IF(A1:A9>0,
     * B1:B9)} in an array formula): arguments that are arrays or multi-cell ranges are broadcast,
     * the others passed as they are.
     */
    public static final class Lift extends ArrayValued {
        private final FunctionSpec spec;
        private final Node[] args;
        private final CallNode call;

        public Lift(CallNode call) {
            this.call = call;
            this.spec = call.spec();
            this.args = call.args();
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            Grid[] grids = new Grid[args.length];
            int rows = 1;
            int cols = 1;
            for (int i = 0; i < args.length; i++) {
                if (args[i].isArray() || (args[i].isReference(ctx) && !(args[i] instanceof CellNode))) {
                    Grid g = args[i].evalGrid(ctx);
                    if (g.rows() != 1 || g.cols() != 1) {
                        grids[i] = g;
                        rows = broadcast(rows, g.rows());
                        cols = broadcast(cols, g.cols());
                    }
                }
            }
            if (rows == 1 && cols == 1) {
                return Grid.of(call.eval(ctx));
            }
            Value[][] out = new Value[rows][cols];
            Node[] a = Arrays.copyOf(args, args.length);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    for (int i = 0; i < a.length; i++) {
                        if (grids[i] != null) {
                            a[i] = new ConstNode(at(grids[i], r, c), null);
                        }
                    }
                    out[r][c] = new CallNode(spec, a).eval(ctx);
                }
            }
            return Grid.of(out);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return call.toExpr(sheetNames, hostSheet);
        }
    }

    /** {@code A1#}: the array the formula in A1 spills (dependent on A1 only, as Excel's is). */
    public static final class SpillRef extends ArrayValued {
        private final CellNode anchor;

        public SpillRef(CellNode anchor) {
            this.anchor = anchor;
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            return ctx.spill(anchor.id());
        }

        @Override
        public Reference evalReference(EvalContext ctx) {
            return ctx.spillArea(anchor.id());
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.SpillRef((Expr.CellRef) anchor.toExpr(sheetNames, hostSheet));
        }
    }

    /** The top of an array formula {@code {=...}}: its value is its whole array, which spills. */
    public static final class Formula extends ArrayValued {
        private final Node body;

        public Formula(Node body) {
            this.body = body;
        }

        @Override
        public Grid evalGrid(EvalContext ctx) {
            return body.evalGrid(ctx);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.ArrayFormula(body.toExpr(sheetNames, hostSheet));
        }
    }
}
