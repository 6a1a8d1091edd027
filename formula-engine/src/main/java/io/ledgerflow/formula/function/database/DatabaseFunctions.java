package io.ledgerflow.formula.function.database;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.Criterion;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The D-functions: DSUM(database, field, criteria) and friends. The database's first row holds
 * the field names; field is a name (any case) or a 1-based column number. The criteria range's
 * first row names fields; each further row is one alternative (OR) whose non-empty cells must all
 * hold (AND), each a SUMIF-style criterion.
 */
public final class DatabaseFunctions implements FunctionFamily {

    private enum Agg {
        SUM,
        AVERAGE,
        COUNT,
        COUNTA,
        GET,
        MAX,
        MIN,
        PRODUCT,
        STDEV,
        STDEVP,
        VAR,
        VARP
    }

    @Override
    public void register(FunctionRegistry r) {
        for (Agg agg : Agg.values()) {
            r.register("D" + agg.name(), 3, 3, a -> apply(a, agg));
        }
    }

    private static int column(Grid db, Value field) {
        if (field instanceof NumberValue n) {
            int c = (int) n.value();
            return c >= 1 && c <= db.cols() ? c - 1 : -1;
        }
        if (field instanceof TextValue t) {
            for (int c = 0; c < db.cols(); c++) {
                Value h = db.get(0, c);
                if (h instanceof TextValue ht
                        && ht.value().trim().equalsIgnoreCase(t.value().trim())) {
                    return c;
                }
            }
        }
        return -1;
    }

    private record Condition(int column, Criterion criterion) {}

    private static Value apply(Args a, Agg agg) {
        Grid db = a.grid(0);
        Grid crit = a.grid(2);
        int col = -1;
        if (!(agg == Agg.COUNT || agg == Agg.COUNTA) || !a.isMissing(1)) {
            Value field = a.value(1);
            if (field instanceof ErrorValue e) {
                return e;
            }
            col = column(db, field);
            if (col < 0 && !(field instanceof EmptyValue && (agg == Agg.COUNT || agg == Agg.COUNTA))) {
                return ErrorValue.VALUE;
            }
        }
        if (crit.rows() < 1) {
            return ErrorValue.VALUE;
        }
        List<List<Condition>> alternatives = new ArrayList<>();
        for (int r = 1; r < crit.rows(); r++) {
            List<Condition> and = new ArrayList<>();
            for (int c = 0; c < crit.cols(); c++) {
                Value v = crit.get(r, c);
                if (v instanceof EmptyValue
                        || (v instanceof TextValue t && t.value().isEmpty())) {
                    continue;
                }
                int dc = column(db, crit.get(0, c));
                if (dc < 0) {
                    return ErrorValue.VALUE;
                }
                and.add(new Condition(dc, Criterion.parse(beginsWith(v))));
            }
            alternatives.add(and);
        }
        if (alternatives.isEmpty()) {
            alternatives.add(List.of());
        }
        Numbers.DoubleBuffer nums = new Numbers.DoubleBuffer();
        int nonEmpty = 0;
        Value found = null;
        int matches = 0;
        for (int r = 1; r < db.rows(); r++) {
            if (!matches(db, r, alternatives)) {
                continue;
            }
            if (col < 0) {
                matches++;
                continue;
            }
            Value v = db.get(r, col);
            matches++;
            found = v;
            if (v instanceof NumberValue n) {
                nums.add(n.value());
            }
            if (!(v instanceof EmptyValue)) {
                nonEmpty++;
            }
        }
        double[] d = nums.toArray();
        return switch (agg) {
            case SUM -> Numbers.result(sum(d));
            case AVERAGE -> d.length == 0 ? ErrorValue.DIV0 : Numbers.result(sum(d) / d.length);
            case COUNT -> NumberValue.of(col < 0 ? 0 : d.length);
            case COUNTA -> NumberValue.of(col < 0 ? matches : nonEmpty);
            case GET -> matches == 0 ? ErrorValue.VALUE : matches > 1 ? ErrorValue.NUM : found;
            case MAX ->
                d.length == 0
                        ? NumberValue.ZERO
                        : Numbers.result(java.util.Arrays.stream(d).max().getAsDouble());
            case MIN ->
                d.length == 0
                        ? NumberValue.ZERO
                        : Numbers.result(java.util.Arrays.stream(d).min().getAsDouble());
            case PRODUCT -> {
                double p = 1;
                for (double x : d) {
                    p *= x;
                }
                yield d.length == 0 ? NumberValue.ZERO : Numbers.result(p);
            }
            case STDEV, STDEVP, VAR, VARP -> {
                boolean sample = agg == Agg.STDEV || agg == Agg.VAR;
                int n = d.length;
                if (n < (sample ? 2 : 1)) {
                    yield ErrorValue.DIV0;
                }
                double m = sum(d) / n;
                double ss = 0;
                for (double x : d) {
                    ss += (x - m) * (x - m);
                }
                double v = ss / (sample ? n - 1 : n);
                yield Numbers.result(agg == Agg.STDEV || agg == Agg.STDEVP ? Math.sqrt(v) : v);
            }
        };
    }

    /**
     * In a criteria range a plain text ({@code Apple}) matches the texts that begin with it, as in
     * Excel's advanced filter: it reads as {@code Apple*}.
     */
    private static Value beginsWith(Value v) {
        if (v instanceof TextValue t) {
            String s = t.value();
            char c = s.isEmpty() ? '=' : s.charAt(0);
            if (c != '<'
                    && c != '>'
                    && c != '='
                    && Double.isNaN(io.ledgerflow.formula.value.Values.parseNumber(s))
                    && !s.equalsIgnoreCase("TRUE")
                    && !s.equalsIgnoreCase("FALSE")) {
                return new TextValue(s + "*");
            }
        }
        return v;
    }

    private static double sum(double[] d) {
        double s = 0;
        for (double x : d) {
            s += x;
        }
        return s;
    }

    private static boolean matches(Grid db, int r, List<List<Condition>> alternatives) {
        for (List<Condition> and : alternatives) {
            boolean all = true;
            for (Condition c : and) {
                if (!c.criterion().test(db.get(r, c.column()))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
