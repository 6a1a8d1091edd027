package io.ledgerflow.formula.function.math;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.util.function.DoubleUnaryOperator;

/**
 * Trigonometry and the rest of Excel's math category: SIN..ATANH, RADIANS, CEILING.MATH and
 * friends, ROMAN/ARABIC, GCD/LCM, COMBIN/PERMUT, BASE/DECIMAL, SUBTOTAL.
 */
public final class TrigFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        unary(r, "SIN", Math::sin);
        unary(r, "COS", Math::cos);
        unary(r, "TAN", Math::tan);
        unary(r, "ASIN", x -> Math.abs(x) > 1 ? Double.NaN : Math.asin(x));
        unary(r, "ACOS", x -> Math.abs(x) > 1 ? Double.NaN : Math.acos(x));
        unary(r, "ATAN", Math::atan);
        unary(r, "SINH", Math::sinh);
        unary(r, "COSH", Math::cosh);
        unary(r, "TANH", Math::tanh);
        unary(r, "ASINH", x -> Math.log(x + Math.sqrt(x * x + 1)));
        unary(r, "ACOSH", x -> x < 1 ? Double.NaN : Math.log(x + Math.sqrt(x * x - 1)));
        unary(r, "ATANH", x -> Math.abs(x) >= 1 ? Double.NaN : 0.5 * Math.log((1 + x) / (1 - x)));
        unary(r, "ACOT", x -> Math.PI / 2 - Math.atan(x));
        unary(r, "ACOTH", x -> Math.abs(x) <= 1 ? Double.NaN : 0.5 * Math.log((x + 1) / (x - 1)));
        reciprocal(r, "COT", Math::tan);
        reciprocal(r, "CSC", Math::sin);
        reciprocal(r, "SEC", Math::cos);
        reciprocal(r, "COTH", Math::tanh);
        reciprocal(r, "CSCH", Math::sinh);
        reciprocal(r, "SECH", Math::cosh);
        unary(r, "RADIANS", Math::toRadians);
        unary(r, "DEGREES", Math::toDegrees);
        unary(r, "SQRTPI", x -> x < 0 ? Double.NaN : Math.sqrt(x * Math.PI));
        r.register("ATAN2", 2, 2, a -> {
            double x = a.number(0);
            double y = a.number(1);
            return x == 0 && y == 0 ? ErrorValue.DIV0 : Numbers.result(Math.atan2(y, x));
        });
        r.register("CEILING.MATH", 1, 3, a -> roundTo(a.number(0), a.number(1, 1), a.number(2, 0) != 0, true));
        r.register("FLOOR.MATH", 1, 3, a -> roundTo(a.number(0), a.number(1, 1), a.number(2, 0) != 0, false));
        r.register("CEILING.PRECISE", 1, 2, a -> roundTo(a.number(0), a.number(1, 1), false, true));
        r.register("ISO.CEILING", 1, 2, a -> roundTo(a.number(0), a.number(1, 1), false, true));
        r.register("FLOOR.PRECISE", 1, 2, a -> roundTo(a.number(0), a.number(1, 1), false, false));
        r.register("ROMAN", 1, 2, a -> roman(a.number(0)));
        r.register("ARABIC", 1, 1, a -> arabic(a.text(0)));
        r.register("GCD", 1, -1, a -> {
            long g = 0;
            for (double d : Numbers.toArray(a, 0)) {
                if (d < 0) {
                    return ErrorValue.NUM;
                }
                g = gcd(g, (long) d);
            }
            return NumberValue.of(g);
        });
        r.register("LCM", 1, -1, a -> {
            double l = 1;
            for (double d : Numbers.toArray(a, 0)) {
                if (d < 0) {
                    return ErrorValue.NUM;
                }
                long x = (long) d;
                if (x == 0) {
                    return NumberValue.ZERO;
                }
                l = l / gcd((long) l, x) * x;
            }
            return Numbers.result(l);
        });
        r.register("COMBIN", 2, 2, a -> {
            double n = Math.floor(a.number(0));
            double k = Math.floor(a.number(1));
            return n < 0 || k < 0 || k > n ? ErrorValue.NUM : Numbers.result(combin(n, k));
        });
        r.register("COMBINA", 2, 2, a -> {
            double n = Math.floor(a.number(0));
            double k = Math.floor(a.number(1));
            if (n < 0 || k < 0 || (n == 0 && k > 0)) {
                return ErrorValue.NUM;
            }
            return Numbers.result(k == 0 ? 1 : combin(n + k - 1, k));
        });
        r.register("PERMUT", 2, 2, a -> {
            double n = Math.floor(a.number(0));
            double k = Math.floor(a.number(1));
            if (n < 0 || k < 0 || k > n) {
                return ErrorValue.NUM;
            }
            double p = 1;
            for (int i = 0; i < k; i++) {
                p *= n - i;
            }
            return Numbers.result(p);
        });
        r.register("FACTDOUBLE", 1, 1, a -> {
            double n = Math.floor(a.number(0));
            if (n < -1) {
                return ErrorValue.NUM;
            }
            double f = 1;
            for (double i = n; i > 1; i -= 2) {
                f *= i;
            }
            return Numbers.result(f);
        });
        r.register("MULTINOMIAL", 1, -1, a -> {
            double sum = 0;
            double res = 1;
            for (double d : Numbers.toArray(a, 0)) {
                double k = Math.floor(d);
                if (k < 0) {
                    return ErrorValue.NUM;
                }
                sum += k;
                res *= combin(sum, k);
            }
            return Numbers.result(res);
        });
        r.register("SUMX2MY2", 2, 2, a -> pairs(a, (x, y) -> x * x - y * y));
        r.register("SUMX2PY2", 2, 2, a -> pairs(a, (x, y) -> x * x + y * y));
        r.register("SUMXMY2", 2, 2, a -> pairs(a, (x, y) -> (x - y) * (x - y)));
        r.register("BASE", 2, 3, a -> {
            double n = Math.floor(a.number(0));
            int radix = a.integer(1);
            int len = a.integer(2, 0);
            if (n < 0 || n >= 0x1p53 || radix < 2 || radix > 36 || len < 0 || len > 255) {
                return ErrorValue.NUM;
            }
            String s = Long.toString((long) n, radix).toUpperCase(java.util.Locale.ROOT);
            return new TextValue("0".repeat(Math.max(0, len - s.length())) + s);
        });
        r.register("DECIMAL", 2, 2, a -> {
            String s = a.text(0).trim();
            int radix = a.integer(1);
            if (radix < 2 || radix > 36 || s.length() > 255) {
                return ErrorValue.NUM;
            }
            if (radix == 16 && s.regionMatches(true, 0, "0x", 0, 2)) {
                s = s.substring(2);
            }
            try {
                return s.isEmpty()
                        ? NumberValue.ZERO
                        : Numbers.result(new java.math.BigInteger(s, radix).doubleValue());
            } catch (NumberFormatException e) {
                return ErrorValue.NUM;
            }
        });
        r.register("SUBTOTAL", 2, -1, TrigFunctions::subtotal);
    }

    private static void unary(FunctionRegistry r, String name, DoubleUnaryOperator f) {
        r.register(name, 1, 1, a -> Numbers.result(f.applyAsDouble(a.number(0))));
    }

    private static void reciprocal(FunctionRegistry r, String name, DoubleUnaryOperator f) {
        r.register(name, 1, 1, a -> {
            double d = f.applyAsDouble(a.number(0));
            return d == 0 ? ErrorValue.DIV0 : Numbers.result(1 / d);
        });
    }

    /** CEILING.MATH / FLOOR.MATH / *.PRECISE: the sign of the significance does not matter. */
    static Value roundTo(double x, double sig, boolean awayFromZeroForNegatives, boolean up) {
        sig = Math.abs(sig);
        if (sig == 0 || x == 0) {
            return NumberValue.ZERO;
        }
        double q = x / sig;
        double rq = Math.abs(q - Math.rint(q)) < 1e-12 ? Math.rint(q) : q;
        double k;
        if (x < 0 && awayFromZeroForNegatives) {
            k = up ? Math.floor(rq) : Math.ceil(rq);
        } else {
            k = up ? Math.ceil(rq) : Math.floor(rq);
        }
        return Numbers.result(k * sig);
    }

    private static final int[] ROMAN_VALUES = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    private static final String[] ROMAN_DIGITS = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"
    };

    private static Value roman(double x) {
        int n = (int) Math.floor(x);
        if (x < 0 || n > 3999) {
            return ErrorValue.VALUE;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ROMAN_VALUES.length; i++) {
            while (n >= ROMAN_VALUES[i]) {
                sb.append(ROMAN_DIGITS[i]);
                n -= ROMAN_VALUES[i];
            }
        }
        return new TextValue(sb.toString());
    }

    private static Value arabic(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        boolean neg = t.startsWith("-");
        if (neg) {
            t = t.substring(1);
        }
        if (t.length() > 255) {
            return ErrorValue.VALUE;
        }
        int total = 0;
        int prev = 0;
        for (int i = t.length() - 1; i >= 0; i--) {
            int v = switch (t.charAt(i)) {
                case 'I' -> 1;
                case 'V' -> 5;
                case 'X' -> 10;
                case 'L' -> 50;
                case 'C' -> 100;
                case 'D' -> 500;
                case 'M' -> 1000;
                default -> -1;
            };
            if (v < 0) {
                return ErrorValue.VALUE;
            }
            total += v < prev ? -v : v;
            prev = Math.max(prev, v);
        }
        return NumberValue.of(neg ? -total : total);
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    static double combin(double n, double k) {
        k = Math.min(k, n - k);
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return Math.rint(c);
    }

    private interface Pair {
        double apply(double x, double y);
    }

    private static Value pairs(Args a, Pair f) {
        Grid x = a.grid(0);
        Grid y = a.grid(1);
        if (x.rows() * x.cols() != y.rows() * y.cols()) {
            return ErrorValue.NA;
        }
        double s = 0;
        int cols = x.cols();
        int ycols = y.cols();
        for (int i = 0; i < x.rows() * cols; i++) {
            Value vx = x.get(i / cols, i % cols);
            Value vy = y.get(i / ycols, i % ycols);
            if (vx instanceof ErrorValue e) {
                throw FormulaError.of(e);
            }
            if (vy instanceof ErrorValue e) {
                throw FormulaError.of(e);
            }
            if (vx instanceof NumberValue nx && vy instanceof NumberValue ny) {
                s += f.apply(nx.value(), ny.value());
            }
        }
        return Numbers.result(s);
    }

    /**
     * SUBTOTAL(function_num, refs...): 1-11 (and 101-111, which in Excel also skip hidden rows;
     * the engine has no hidden rows) as AVERAGE, COUNT, COUNTA, MAX, MIN, PRODUCT, STDEV, STDEVP,
     * SUM, VAR, VARP. Cells holding SUBTOTAL or AGGREGATE themselves are not skipped here.
     */
    private static Value subtotal(Args a) {
        int f = a.integer(0);
        if (f > 100) {
            f -= 100;
        }
        String name = switch (f) {
            case 1 -> "AVERAGE";
            case 2 -> "COUNT";
            case 3 -> "COUNTA";
            case 4 -> "MAX";
            case 5 -> "MIN";
            case 6 -> "PRODUCT";
            case 7 -> "STDEV";
            case 8 -> "STDEV.P";
            case 9 -> "SUM";
            case 10 -> "VAR";
            case 11 -> "VAR.P";
            default -> null;
        };
        if (name == null) {
            return ErrorValue.VALUE;
        }
        Args rest = new ShiftedArgs(a, 1);
        return FunctionRegistry.builtins().lookup(name).function().apply(rest);
    }

    /** The arguments of a call from index {@code from} on, as the arguments of another call. */
    public record ShiftedArgs(Args inner, int from) implements Args {
        @Override
        public int count() {
            return inner.count() - from;
        }

        @Override
        public boolean isMissing(int i) {
            return inner.isMissing(i + from);
        }

        @Override
        public boolean isReference(int i) {
            return inner.isReference(i + from);
        }

        @Override
        public Value value(int i) {
            return inner.value(i + from);
        }

        @Override
        public Grid grid(int i) {
            return inner.grid(i + from);
        }

        @Override
        public io.ledgerflow.formula.function.Reference reference(int i) {
            return inner.reference(i + from);
        }

        @Override
        public io.ledgerflow.formula.function.FunctionContext context() {
            return inner.context();
        }
    }
}
