package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.function.IntFunction;

/** Operator nodes. Arithmetic has a fast path for two numbers that allocates at most the result. */
public final class OpNodes {

    private OpNodes() {}

    public static Node binary(String op, Node l, Node r) {
        return switch (op) {
            case "+" -> arith(op, l, r, 0);
            case "-" -> arith(op, l, r, 1);
            case "*" -> arith(op, l, r, 2);
            case "/" -> arith(op, l, r, 3);
            case "^" -> arith(op, l, r, 4);
            case "&" -> new Concat(l, r);
            default -> new Compare(op, l, r);
        };
    }

    /**
     * A binary operator on two values: what the operator node computes once its operands are
     * evaluated (the element-wise operators of array formulas apply it to each pair of elements).
     */
    public static Value apply(String op, Value a, Value b) {
        return switch (op) {
            case "+" -> arithmetic(0, a, b);
            case "-" -> arithmetic(1, a, b);
            case "*" -> arithmetic(2, a, b);
            case "/" -> arithmetic(3, a, b);
            case "^" -> arithmetic(4, a, b);
            case "&" -> concat(a, b);
            default -> compare(op, a, b);
        };
    }

    /** Unary minus or plus, or postfix percent ({@code op} '-', '+' or '%') on a value. */
    public static Value unary(char op, Value v) {
        if (op == '+') {
            return v;
        }
        Value n = Values.toNumber(v);
        if (n instanceof NumberValue nv) {
            return Values.number(op == '%' ? nv.value() / 100 : -nv.value());
        }
        return n;
    }

    private static Value arithmetic(int kind, Value a, Value b) {
        Value x = Values.toNumber(a);
        if (x instanceof ErrorValue) {
            return x;
        }
        Value y = Values.toNumber(b);
        if (y instanceof ErrorValue) {
            return y;
        }
        return arithmetic(kind, ((NumberValue) x).value(), ((NumberValue) y).value());
    }

    static Value arithmetic(int kind, double x, double y) {
        return switch (kind) {
            case 0 -> Values.number(x + y);
            case 1 -> Values.number(x - y);
            case 2 -> Values.number(x * y);
            case 3 -> y == 0 ? ErrorValue.DIV0 : Values.number(x / y);
            default ->
                x == 0 && y == 0 ? ErrorValue.NUM : (x == 0 && y < 0 ? ErrorValue.DIV0 : Values.number(Math.pow(x, y)));
        };
    }

    private static Value concat(Value left, Value right) {
        Value a = Values.toText(left);
        if (a instanceof ErrorValue) {
            return a;
        }
        Value b = Values.toText(right);
        if (b instanceof ErrorValue) {
            return b;
        }
        return new TextValue(((TextValue) a).value() + ((TextValue) b).value());
    }

    private static Value compare(String op, Value a, Value b) {
        if (a instanceof ErrorValue) {
            return a;
        }
        if (b instanceof ErrorValue) {
            return b;
        }
        int c = Values.compareOperands(a, b);
        boolean r = switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
        return BooleanValue.of(r);
    }

    /**
     * Arithmetic, specialised for the common operand pairs (two cells; a cell or any node and a
     * number literal): their {@link Node#evalDouble} reads the cells and the literal directly
     * instead of through the operand nodes' virtual calls. Only the fast path differs; it
     * computes exactly what {@link Arith#evalDouble} computes (both call {@link Arith#combine}).
     */
    static Arith arith(String op, Node l, Node r, int kind) {
        if (l instanceof CellNode a && r instanceof CellNode b) {
            return new CellCell(op, a, b, kind);
        }
        if (r instanceof ConstNode k && !Double.isNaN(k.number())) {
            return l instanceof CellNode a ? new CellNumber(op, a, k, kind) : new NodeNumber(op, l, k, kind);
        }
        return new Arith(op, l, r, kind);
    }

    /** Binary arithmetic: + - * / ^. */
    static class Arith extends Node {
        private final String op;
        private final Node left;
        private final Node right;
        private final int kind;

        Arith(String op, Node left, Node right, int kind) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.kind = kind;
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            double x = left.evalDouble(ctx);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            double y = right.evalDouble(ctx);
            if (Double.isNaN(y)) {
                return Double.NaN;
            }
            return combine(kind, x, y);
        }

        /** The fast path's result for two plain numbers: NaN where {@link #eval} must decide. */
        static double combine(int kind, double x, double y) {
            double r;
            switch (kind) {
                case 0 -> r = x + y;
                case 1 -> r = x - y;
                case 2 -> r = x * y;
                case 3 -> r = y == 0 ? Double.NaN : x / y;
                default -> r = x == 0 && y <= 0 ? Double.NaN : Math.pow(x, y);
            }
            if (Double.isNaN(r) || Double.isInfinite(r)) {
                return Double.NaN; // eval() produces the error value
            }
            return r == 0 ? 0.0 : r;
        }

        @Override
        public Value eval(EvalContext ctx) {
            double x = left.evalDouble(ctx);
            if (Double.isNaN(x)) {
                Value c = Values.toNumber(left.eval(ctx));
                if (c instanceof ErrorValue) {
                    // Excel evaluates both operands; the left error wins
                    return c;
                }
                x = ((NumberValue) c).value();
            }
            double y = right.evalDouble(ctx);
            if (Double.isNaN(y)) {
                Value c = Values.toNumber(right.eval(ctx));
                if (c instanceof ErrorValue) {
                    return c;
                }
                y = ((NumberValue) c).value();
            }
            return arithmetic(kind, x, y);
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Binary(op, left.toExpr(sheetNames, hostSheet), right.toExpr(sheetNames, hostSheet));
        }
    }

    /** Arithmetic on two cell references. */
    static final class CellCell extends Arith {
        private final int a;
        private final int b;
        private final int kind;

        CellCell(String op, CellNode left, CellNode right, int kind) {
            super(op, left, right, kind);
            this.a = left.id();
            this.b = right.id();
            this.kind = kind;
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            double x = ctx.numberById(a);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            double y = ctx.numberById(b);
            if (Double.isNaN(y)) {
                return Double.NaN;
            }
            return combine(kind, x, y);
        }
    }

    /** Arithmetic on a cell reference and a number literal. */
    static final class CellNumber extends Arith {
        private final int a;
        private final double y;
        private final int kind;

        CellNumber(String op, CellNode left, ConstNode right, int kind) {
            super(op, left, right, kind);
            this.a = left.id();
            this.y = right.number();
            this.kind = kind;
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            double x = ctx.numberById(a);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            return combine(kind, x, y);
        }
    }

    /** Arithmetic on any node and a number literal. */
    static final class NodeNumber extends Arith {
        private final Node left;
        private final double y;
        private final int kind;

        NodeNumber(String op, Node left, ConstNode right, int kind) {
            super(op, left, right, kind);
            this.left = left;
            this.y = right.number();
            this.kind = kind;
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            double x = left.evalDouble(ctx);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            return combine(kind, x, y);
        }
    }

    /** Text concatenation. */
    static final class Concat extends Node {
        private final Node left;
        private final Node right;

        Concat(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(EvalContext ctx) {
            Value a = Values.toText(left.eval(ctx));
            if (a instanceof ErrorValue) {
                return a;
            }
            return concat(a, right.eval(ctx));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Binary("&", left.toExpr(sheetNames, hostSheet), right.toExpr(sheetNames, hostSheet));
        }
    }

    /** Comparison operators with Excel's ordering (numbers < texts < booleans). */
    static final class Compare extends Node {
        private final String op;
        private final Node left;
        private final Node right;

        Compare(String op, Node left, Node right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public Value eval(EvalContext ctx) {
            Value a = left.eval(ctx);
            if (a instanceof ErrorValue) {
                return a;
            }
            return compare(op, a, right.eval(ctx));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Binary(op, left.toExpr(sheetNames, hostSheet), right.toExpr(sheetNames, hostSheet));
        }
    }

    /** Unary minus or plus. Unary plus returns its operand unchanged, as in Excel. */
    public static final class Unary extends Node {
        private final char op;
        private final Node operand;

        public Unary(char op, Node operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        public double evalDouble(EvalContext ctx) {
            if (op == '+') {
                return Double.NaN;
            }
            double x = operand.evalDouble(ctx);
            return x == 0 ? 0.0 : -x;
        }

        @Override
        public Value eval(EvalContext ctx) {
            return unary(op, operand.eval(ctx));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Unary(op, operand.toExpr(sheetNames, hostSheet));
        }
    }

    /** Postfix percent: divides by 100. */
    public static final class Percent extends Node {
        private final Node operand;

        public Percent(Node operand) {
            this.operand = operand;
        }

        @Override
        public Value eval(EvalContext ctx) {
            return unary('%', operand.eval(ctx));
        }

        @Override
        public Expr toExpr(IntFunction<String> sheetNames, int hostSheet) {
            return new Expr.Percent(operand.toExpr(sheetNames, hostSheet));
        }
    }
}
