package io.ledgerflow.formula.function.math;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.Criterion;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditional aggregates: SUMIF(S), COUNTIF(S), AVERAGEIF(S), MINIFS, MAXIFS. When every criterion
 * is a plain equality ({@code "north"}, {@code 5}) and the ranges are engine ranges, the first
 * criteria range keeps a memo: one pass groups the whole range by key (sum, count, first error per
 * group, in row order), after which every SUMIF over the same ranges is a hash lookup. The memo
 * is rebuilt once after any cell of the ranges changes, not once per dependent formula. The *IFS
 * forms with other criteria (comparisons, wildcards) over engine ranges of one shape are kept up
 * to date by deltas ({@link IncrementalIfs}); anything else is scanned.
 */
public final class ConditionalFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("SUMIF", 2, 3, a -> ifs(a, Kind.SUM, a.isMissing(2) ? a.grid(0) : a.grid(2), pairs(a, 0, 2), false));
        r.register(
                "AVERAGEIF",
                2,
                3,
                a -> ifs(a, Kind.AVERAGE, a.isMissing(2) ? a.grid(0) : a.grid(2), pairs(a, 0, 2), false));
        r.register("COUNTIF", 2, 2, a -> ifs(a, Kind.COUNT, null, pairs(a, 0, 2), false));
        r.register("SUMIFS", 3, -1, a -> ifs(a, Kind.SUM, a.grid(0), pairs(a, 1, a.count()), true));
        r.register("AVERAGEIFS", 3, -1, a -> ifs(a, Kind.AVERAGE, a.grid(0), pairs(a, 1, a.count()), true));
        r.register("COUNTIFS", 2, -1, a -> ifs(a, Kind.COUNT, null, pairs(a, 0, a.count()), true));
        r.register("MINIFS", 3, -1, a -> ifs(a, Kind.MIN, a.grid(0), pairs(a, 1, a.count()), true));
        r.register("MAXIFS", 3, -1, a -> ifs(a, Kind.MAX, a.grid(0), pairs(a, 1, a.count()), true));
    }

    private enum Kind {
        SUM,
        COUNT,
        AVERAGE,
        MIN,
        MAX
    }

    private record Pair(Grid range, Criterion criterion, Value raw) {}

    private static List<Pair> pairs(Args a, int from, int to) {
        if ((to - from) % 2 != 0) {
            throw io.ledgerflow.formula.function.FormulaError.of(ErrorValue.VALUE);
        }
        List<Pair> l = new ArrayList<>((to - from) / 2);
        for (int i = from; i < to; i += 2) {
            Value raw = a.value(i + 1);
            l.add(new Pair(a.grid(i), Criterion.parse(raw), raw));
        }
        return l;
    }

    /** Per-group accumulator, filled in row-major order. */
    static final class Acc {
        double sum;
        int numbers;
        int matches;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        ErrorValue error;

        void addNumber(double d) {
            matches++;
            sum += d;
            numbers++;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }

        void add(Value v) {
            matches++;
            if (v == null) {
                return;
            }
            if (v instanceof NumberValue n) {
                sum += n.value();
                numbers++;
                min = Math.min(min, n.value());
                max = Math.max(max, n.value());
            } else if (v instanceof ErrorValue e && error == null) {
                error = e;
            }
        }

        /**
         * Takes a value out again (a delta); false when that cannot be done by arithmetic (an
         * error, or the minimum or maximum leaving): the caller rescans instead.
         */
        boolean remove(Value v) {
            if (v instanceof ErrorValue) {
                return false;
            }
            if (v instanceof NumberValue n) {
                double d = n.value();
                if (d == min || d == max) {
                    return false;
                }
                sum -= d;
                numbers--;
            }
            matches--;
            return true;
        }

        Acc copy() {
            Acc a = new Acc();
            a.sum = sum;
            a.numbers = numbers;
            a.matches = matches;
            a.min = min;
            a.max = max;
            a.error = error;
            return a;
        }
    }

    private record GroupKey(Object sumIdentity, List<Object> rangeIdentities) {}

    private static Value ifs(Args a, Kind kind, Grid values, List<Pair> pairs, boolean strict) {
        Grid first = pairs.get(0).range();
        int rows = first.rows();
        int cols = first.cols();
        for (Pair p : pairs) {
            if (p.range().rows() != rows || p.range().cols() != cols) {
                return ErrorValue.VALUE;
            }
        }
        if (strict && values != null && (values.rows() != rows || values.cols() != cols)) {
            return ErrorValue.VALUE; // the *IFS forms need a value range of the criteria ranges' size
        }
        Acc acc = cached(values, pairs);
        if (acc == null && strict) {
            List<Grid> grids = new ArrayList<>(pairs.size());
            List<Value> raw = new ArrayList<>(pairs.size());
            for (Pair p : pairs) {
                grids.add(p.range());
                raw.add(p.raw());
            }
            acc = IncrementalIfs.lookup(values, grids, raw);
        }
        if (acc == null) {
            acc = new Acc();
            outer:
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    for (Pair p : pairs) {
                        if (!p.criterion().test(p.range().get(r, c))) {
                            continue outer;
                        }
                    }
                    acc.add(values == null ? null : valueAt(values, r, c));
                }
            }
        }
        return finish(kind, acc);
    }

    private static Value valueAt(Grid g, int r, int c) {
        if (r < g.rows() && c < g.cols()) {
            return g.get(r, c);
        }
        return g.reference() != null ? g.get(r, c) : null;
    }

    private static Value finish(Kind kind, Acc acc) {
        if (kind != Kind.COUNT && acc.error != null) {
            return acc.error;
        }
        return switch (kind) {
            case SUM -> Numbers.result(acc.sum);
            case COUNT -> NumberValue.of(acc.matches);
            case AVERAGE -> acc.numbers == 0 ? ErrorValue.DIV0 : Numbers.result(acc.sum / acc.numbers);
            case MIN -> acc.numbers == 0 ? NumberValue.ZERO : Numbers.result(acc.min);
            case MAX -> acc.numbers == 0 ? NumberValue.ZERO : Numbers.result(acc.max);
        };
    }

    /** The group of the criteria's keys from a memo on the first range, or null if not cacheable. */
    private static Acc cached(Grid values, List<Pair> pairs) {
        Grid first = pairs.get(0).range();
        if (first.identity() == null || (values != null && values.identity() == null)) {
            return null;
        }
        List<Object> ids = new ArrayList<>(pairs.size());
        List<Object> keys = new ArrayList<>(pairs.size());
        long stamp = values == null ? 0 : values.version();
        for (Pair p : pairs) {
            Object k = p.criterion().exactKey();
            if (k == null || p.range().identity() == null) {
                return null;
            }
            ids.add(p.range().identity());
            keys.add(k);
            if (p.range() != first) {
                stamp += p.range().version();
            }
        }
        if (values != null && (values.rows() < first.rows() || values.cols() < first.cols())) {
            return null;
        }
        if (pairs.size() == 1) {
            return single(first, values, keys.get(0), stamp);
        }
        GroupKey gk = new GroupKey(values == null ? null : values.identity(), ids);
        Map<List<Object>, Acc> groups = first.memo(gk, stamp, g -> group(values, pairs));
        Acc acc = groups.get(pairs.size() == 1 ? List.of(keys.get(0)) : keys);
        return acc == null ? new Acc() : acc;
    }

    private record KeyIndexKey() {}

    private static final KeyIndexKey KEY_INDEX = new KeyIndexKey();

    private record SumsKey(Object values) {}

    /** Group number of each cell of a criteria range (row-major), and the group of each key. */
    private record KeyIndex(Map<Object, Integer> groups, int[] cellGroup) {}

    private static KeyIndex keyIndex(Grid g) {
        int rows = g.rows();
        int cols = g.cols();
        Map<Object, Integer> groups = new HashMap<>();
        int[] cellGroup = new int[rows * cols];
        int idx = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Object k = Criterion.key(g.get(r, c));
                if (k == null) {
                    cellGroup[idx++] = -1;
                } else {
                    Integer gi = groups.get(k);
                    if (gi == null) {
                        gi = groups.size();
                        groups.put(k, gi);
                    }
                    cellGroup[idx++] = gi;
                }
            }
        }
        return new KeyIndex(groups, cellGroup);
    }

    /** One criterion: the key index of the range (kept until it changes) plus per-group sums. */
    private static Acc single(Grid range, Grid values, Object key, long stamp) {
        KeyIndex ki = range.memo(KEY_INDEX, 0, ConditionalFunctions::keyIndex);
        Integer gi = ki.groups().get(key);
        if (gi == null) {
            return new Acc();
        }
        Acc[] sums = range.memo(new SumsKey(values == null ? null : values.identity()), stamp, g -> {
            Acc[] a = new Acc[ki.groups().size()];
            int rows = g.rows();
            int cols = g.cols();
            int[] cg = ki.cellGroup();
            int idx = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int grp = cg[idx++];
                    if (grp < 0) {
                        continue;
                    }
                    Acc acc = a[grp];
                    if (acc == null) {
                        acc = new Acc();
                        a[grp] = acc;
                    }
                    if (values == null) {
                        acc.add(null);
                    } else {
                        double d = values.number(r, c);
                        if (Double.isNaN(d)) {
                            acc.add(values.get(r, c));
                        } else {
                            acc.addNumber(d);
                        }
                    }
                }
            }
            return a;
        });
        Acc acc = sums[gi];
        return acc == null ? new Acc() : acc;
    }

    private static Map<List<Object>, Acc> group(Grid values, List<Pair> pairs) {
        Grid first = pairs.get(0).range();
        int rows = first.rows();
        int cols = first.cols();
        Map<List<Object>, Acc> m = new HashMap<>();
        int n = pairs.size();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Object[] key = new Object[n];
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) {
                    key[i] = Criterion.key(pairs.get(i).range().get(r, c));
                    ok = key[i] != null;
                }
                if (!ok) {
                    continue;
                }
                m.computeIfAbsent(List.of(key), k -> new Acc()).add(values == null ? null : values.get(r, c));
            }
        }
        return m;
    }
}
