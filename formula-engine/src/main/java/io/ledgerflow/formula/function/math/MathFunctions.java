package io.ledgerflow.formula.function.math;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Arithmetic and aggregate functions: SUM, AVERAGE, COUNT, MIN/MAX, ROUND, MOD, ... */
public final class MathFunctions implements FunctionFamily {

    /** The names this family registers, in registration order. */
    private static final java.util.List<String> NAMES = java.util.List.of(
            "SUM",
            "PRODUCT",
            "SUMSQ",
            "SUMPRODUCT",
            "AVERAGE",
            "AVERAGEA",
            "COUNT",
            "COUNTA",
            "COUNTBLANK",
            "MIN",
            "MAX",
            "MEDIAN",
            "LARGE",
            "SMALL",
            "STDEV",
            "STDEV.S",
            "STDEV.P",
            "VAR",
            "VAR.S",
            "VAR.P",
            "ROUND",
            "ROUNDUP",
            "ROUNDDOWN",
            "TRUNC",
            "MROUND",
            "INT",
            "MOD",
            "QUOTIENT",
            "ABS",
            "SIGN",
            "POWER",
            "SQRT",
            "EXP",
            "LN",
            "LOG10",
            "LOG",
            "CEILING",
            "FLOOR",
            "EVEN",
            "ODD",
            "FACT",
            "PI",
            "RAND",
            "RANDBETWEEN");

    @Override
    public void register(FunctionRegistry r) {
        for (String name : NAMES) {
            register(r, name);
        }
    }

    /**
     * Registers one function: each name's lambda is created only when that name is registered,
     * so a workbook that calls SUM does not pay for creating the other functions (see
     * {@link FunctionFamily#register(FunctionRegistry, String)}).
     */
    @Override
    public boolean register(FunctionRegistry r, String name) {
        switch (name) {
            case "SUM" -> r.register("SUM", 1, -1, MathFunctions::sum);
            case "PRODUCT" ->
                r.register("PRODUCT", 1, -1, a -> {
                    double[] p = {1, 0};
                    Numbers.collect(a, 0, d -> {
                        p[0] *= d;
                        p[1]++;
                    });
                    return p[1] == 0 ? NumberValue.ZERO : Numbers.result(p[0]); // no numbers: 0, as Excel
                });
            case "SUMSQ" ->
                r.register("SUMSQ", 1, -1, a -> {
                    double[] p = {0};
                    Numbers.collect(a, 0, d -> p[0] += d * d);
                    return Numbers.result(p[0]);
                });
            case "SUMPRODUCT" -> r.register("SUMPRODUCT", 1, -1, MathFunctions::sumProduct);
            case "AVERAGE" ->
                r.register("AVERAGE", 1, -1, a -> {
                    double[] s = new double[2];
                    Numbers.collect(a, 0, d -> {
                        s[0] += d;
                        s[1]++;
                    });
                    return s[1] == 0 ? ErrorValue.DIV0 : Numbers.result(s[0] / s[1]);
                });
            case "AVERAGEA" -> r.register("AVERAGEA", 1, -1, MathFunctions::averageA);
            case "COUNT" -> r.register("COUNT", 0, -1, MathFunctions::count);
            case "COUNTA" -> r.register("COUNTA", 1, -1, MathFunctions::countA);
            case "COUNTBLANK" -> r.register("COUNTBLANK", 1, 1, MathFunctions::countBlank);
            case "MIN" -> r.register("MIN", 1, -1, a -> minMax(a, true));
            case "MAX" -> r.register("MAX", 1, -1, a -> minMax(a, false));
            case "MEDIAN" ->
                r.register("MEDIAN", 1, -1, a -> {
                    double[] d = Numbers.toArray(a, 0);
                    if (d.length == 0) {
                        return ErrorValue.NUM;
                    }
                    Arrays.sort(d);
                    int n = d.length;
                    return Numbers.result(n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2);
                });
            case "LARGE" -> r.register("LARGE", 2, 2, a -> kth(a, false));
            case "SMALL" -> r.register("SMALL", 2, 2, a -> kth(a, true));
            case "STDEV" -> r.register("STDEV", 1, -1, a -> variance(a, true, true));
            case "STDEV.S" -> r.register("STDEV.S", 1, -1, a -> variance(a, true, true));
            case "STDEV.P" -> r.register("STDEV.P", 1, -1, a -> variance(a, false, true));
            case "VAR" -> r.register("VAR", 1, -1, a -> variance(a, true, false));
            case "VAR.S" -> r.register("VAR.S", 1, -1, a -> variance(a, true, false));
            case "VAR.P" -> r.register("VAR.P", 1, -1, a -> variance(a, false, false));
            case "ROUND" -> r.register("ROUND", 2, 2, a -> round(a.number(0), a.integer(1), RoundingMode.HALF_UP));
            case "ROUNDUP" -> r.register("ROUNDUP", 2, 2, a -> round(a.number(0), a.integer(1), RoundingMode.UP));
            case "ROUNDDOWN" -> r.register("ROUNDDOWN", 2, 2, a -> round(a.number(0), a.integer(1), RoundingMode.DOWN));
            case "TRUNC" -> r.register("TRUNC", 1, 2, a -> round(a.number(0), a.integer(1, 0), RoundingMode.DOWN));
            case "MROUND" -> r.register("MROUND", 2, 2, MathFunctions::mround);
            case "INT" -> r.register("INT", 1, 1, a -> Numbers.result(Math.floor(a.number(0))));
            case "MOD" ->
                r.register("MOD", 2, 2, a -> {
                    double n = a.number(0);
                    double d = a.number(1);
                    if (d == 0) {
                        return ErrorValue.DIV0;
                    }
                    return Numbers.result(n - d * Math.floor(n / d));
                });
            case "QUOTIENT" ->
                r.register("QUOTIENT", 2, 2, a -> {
                    double d = a.number(1);
                    return d == 0 ? ErrorValue.DIV0 : Numbers.result((long) (a.number(0) / d));
                });
            case "ABS" -> r.register("ABS", 1, 1, a -> Numbers.result(Math.abs(a.number(0))));
            case "SIGN" -> r.register("SIGN", 1, 1, a -> Numbers.result(Math.signum(a.number(0))));
            case "POWER" -> r.register("POWER", 2, 2, a -> power(a.number(0), a.number(1)));
            case "SQRT" ->
                r.register("SQRT", 1, 1, a -> {
                    double x = a.number(0);
                    return x < 0 ? ErrorValue.NUM : Numbers.result(Math.sqrt(x));
                });
            case "EXP" -> r.register("EXP", 1, 1, a -> Numbers.result(Math.exp(a.number(0))));
            case "LN" ->
                r.register("LN", 1, 1, a -> {
                    double x = a.number(0);
                    return x <= 0 ? ErrorValue.NUM : Numbers.result(Math.log(x));
                });
            case "LOG10" ->
                r.register("LOG10", 1, 1, a -> {
                    double x = a.number(0);
                    return x <= 0 ? ErrorValue.NUM : Numbers.result(Math.log10(x));
                });
            case "LOG" ->
                r.register("LOG", 1, 2, a -> {
                    double x = a.number(0);
                    double b = a.number(1, 10);
                    if (x <= 0 || b <= 0) {
                        return ErrorValue.NUM;
                    }
                    return b == 1 ? ErrorValue.DIV0 : Numbers.result(Math.log(x) / Math.log(b));
                });
            case "CEILING" -> r.register("CEILING", 1, 2, a -> ceilingFloor(a.number(0), a.number(1, 1), true));
            case "FLOOR" -> r.register("FLOOR", 1, 2, a -> ceilingFloor(a.number(0), a.number(1, 1), false));
            case "EVEN" ->
                r.register("EVEN", 1, 1, a -> {
                    double x = a.number(0);
                    double m = Math.ceil(Math.abs(x) / 2) * 2;
                    return Numbers.result(Math.copySign(m, x));
                });
            case "ODD" ->
                r.register("ODD", 1, 1, a -> {
                    double x = a.number(0);
                    double m = Math.ceil((Math.abs(x) + 1) / 2) * 2 - 1;
                    return Numbers.result(Math.copySign(m, x == 0 ? 1 : x));
                });
            case "FACT" ->
                r.register("FACT", 1, 1, a -> {
                    double x = Math.floor(a.number(0));
                    if (x < 0) {
                        return ErrorValue.NUM;
                    }
                    double f = 1;
                    for (int i = 2; i <= x; i++) {
                        f *= i;
                    }
                    return Numbers.result(f);
                });
            case "PI" -> r.register("PI", 0, 0, a -> NumberValue.of(Math.PI));
            case "RAND" ->
                r.registerVolatile(
                        "RAND",
                        0,
                        0,
                        a -> NumberValue.of(ThreadLocalRandom.current().nextDouble()));
            case "RANDBETWEEN" ->
                r.registerVolatile("RANDBETWEEN", 2, 2, a -> {
                    long lo = (long) Math.ceil(a.number(0));
                    long hi = (long) Math.floor(a.number(1));
                    if (lo > hi) {
                        return ErrorValue.NUM;
                    }
                    return NumberValue.of(lo + ThreadLocalRandom.current().nextLong(hi - lo + 1));
                });
            default -> {
                return false;
            }
        }
        return true;
    }

    static Value sum(Args a) {
        double s = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.isMissing(i)) {
                continue;
            }
            if (a.isReference(i)) {
                Grid.SumStats st = a.grid(i).sumStats();
                if (st.error() != null) {
                    return st.error();
                }
                s += st.sum();
            } else {
                Value v = a.value(i);
                s += Args.Coerce.number(v);
            }
        }
        return Numbers.result(s);
    }

    private static Value count(Args a) {
        int n = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.isMissing(i)) {
                continue;
            }
            if (a.isReference(i)) {
                Grid g = a.grid(i);
                Grid.SumStats st = g.sumStats();
                n += st.count();
            } else {
                Value v = a.value(i);
                if (v instanceof NumberValue || v instanceof BooleanValue) {
                    n++;
                } else if (v instanceof TextValue t
                        && !Double.isNaN(io.ledgerflow.formula.value.Values.parseNumber(t.value()))) {
                    n++;
                }
            }
        }
        return NumberValue.of(n);
    }

    private static Value countA(Args a) {
        int n = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.isMissing(i)) {
                continue;
            }
            if (a.isReference(i)) {
                Grid g = a.grid(i);
                for (int r = 0; r < g.rows(); r++) {
                    for (int c = 0; c < g.cols(); c++) {
                        if (!(g.get(r, c) instanceof EmptyValue)) {
                            n++;
                        }
                    }
                }
            } else {
                n++;
            }
        }
        return NumberValue.of(n);
    }

    private static Value countBlank(Args a) {
        Grid g = a.grid(0);
        int n = 0;
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                Value v = g.get(r, c);
                if (v instanceof EmptyValue
                        || (v instanceof TextValue t && t.value().isEmpty())) {
                    n++;
                }
            }
        }
        if (g.reference() != null) {
            long total = (long) g.reference().rows() * g.reference().cols();
            long seen = (long) g.rows() * g.cols();
            n += (int) Math.max(0, Math.min(total - seen, Integer.MAX_VALUE - n));
        }
        return NumberValue.of(n);
    }

    private static Value averageA(Args a) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.isReference(i)) {
                Grid g = a.grid(i);
                for (int r = 0; r < g.rows(); r++) {
                    for (int c = 0; c < g.cols(); c++) {
                        Value v = g.get(r, c);
                        switch (v) {
                            case NumberValue nv -> {
                                s += nv.value();
                                n++;
                            }
                            case BooleanValue b -> {
                                s += b.value() ? 1 : 0;
                                n++;
                            }
                            case TextValue t -> n++;
                            case ErrorValue e -> {
                                return e;
                            }
                            case EmptyValue e -> {}
                        }
                    }
                }
            } else if (!a.isMissing(i)) {
                s += a.number(i);
                n++;
            }
        }
        return n == 0 ? ErrorValue.DIV0 : Numbers.result(s / n);
    }

    private static Value minMax(Args a, boolean min) {
        double[] m = {min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY};
        boolean[] any = {false};
        Numbers.collect(a, 0, d -> {
            any[0] = true;
            m[0] = min ? Math.min(m[0], d) : Math.max(m[0], d);
        });
        return any[0] ? Numbers.result(m[0]) : NumberValue.ZERO;
    }

    private static Value kth(Args a, boolean smallest) {
        double[] d = Numbers.of(a.grid(0));
        int k = (int) Math.ceil(a.number(1));
        if (k < 1 || k > d.length) {
            return ErrorValue.NUM;
        }
        Arrays.sort(d);
        return Numbers.result(smallest ? d[k - 1] : d[d.length - k]);
    }

    private static Value variance(Args a, boolean sample, boolean sqrt) {
        double[] d = Numbers.toArray(a, 0);
        int n = d.length;
        if (n < (sample ? 2 : 1)) {
            return ErrorValue.DIV0;
        }
        double mean = 0;
        for (double x : d) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double v = ss / (sample ? n - 1 : n);
        return Numbers.result(sqrt ? Math.sqrt(v) : v);
    }

    /** Rounds as Excel does: on the decimal representation, half away from zero. */
    public static Value round(double x, int digits, RoundingMode mode) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return ErrorValue.NUM;
        }
        if (digits > 15) {
            digits = 15;
        }
        if (digits < -308) {
            return NumberValue.ZERO;
        }
        BigDecimal bd = BigDecimal.valueOf(x).round(new java.math.MathContext(15));
        return Numbers.result(bd.setScale(digits, mode).doubleValue());
    }

    private static Value mround(Args a) {
        double n = a.number(0);
        double m = a.number(1);
        if (m == 0) {
            return NumberValue.ZERO;
        }
        if (n * m < 0) {
            return ErrorValue.NUM;
        }
        BigDecimal q = BigDecimal.valueOf(n).divide(BigDecimal.valueOf(m), 20, RoundingMode.HALF_UP);
        return Numbers.result(q.setScale(0, RoundingMode.HALF_UP).doubleValue() * m);
    }

    private static Value power(double x, double y) {
        if (x == 0 && y == 0) {
            return ErrorValue.NUM;
        }
        if (x == 0 && y < 0) {
            return ErrorValue.DIV0;
        }
        return Numbers.result(Math.pow(x, y));
    }

    private static Value ceilingFloor(double x, double sig, boolean ceiling) {
        if (sig == 0) {
            return ceiling ? NumberValue.ZERO : (x == 0 ? NumberValue.ZERO : ErrorValue.DIV0);
        }
        if (x > 0 && sig < 0) {
            return ErrorValue.NUM;
        }
        double q = x / sig;
        double rq = Math.abs(q - Math.rint(q)) < 1e-12 ? Math.rint(q) : q;
        double k = ceiling ? Math.ceil(rq) : Math.floor(rq);
        return Numbers.result(k * sig);
    }

    private static Value sumProduct(Args a) {
        Grid first = a.grid(0);
        int rows = first.rows();
        int cols = first.cols();
        Grid[] grids = new Grid[a.count()];
        for (int i = 0; i < grids.length; i++) {
            grids[i] = a.grid(i);
            if (grids[i].rows() != rows || grids[i].cols() != cols) {
                return ErrorValue.VALUE;
            }
        }
        double s = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double p = 1;
                for (Grid g : grids) {
                    Value v = g.get(r, c);
                    if (v instanceof ErrorValue e) {
                        throw FormulaError.of(e);
                    }
                    p *= v instanceof NumberValue n ? n.value() : 0;
                }
                s += p;
            }
        }
        return Numbers.result(s);
    }
}
