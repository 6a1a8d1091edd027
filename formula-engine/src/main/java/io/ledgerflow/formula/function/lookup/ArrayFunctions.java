package io.ledgerflow.formula.function.lookup;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dynamic-array functions, which return arrays that spill: FILTER, SORT, SORTBY, UNIQUE, SEQUENCE,
 * TRANSPOSE, TOCOL, TOROW, CHOOSECOLS, CHOOSEROWS, TAKE, DROP, VSTACK, HSTACK, MMULT. Arguments
 * are evaluated over arrays ({@code FILTER(A1:A9, B1:B9>0)}: see {@code eval.ArrayOps}).
 */
public final class ArrayFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.registerArray("SEQUENCE", 1, 4, ArrayFunctions::sequence);
        r.registerArray("FILTER", 2, 3, ArrayFunctions::filter);
        r.registerArray("SORT", 1, 4, ArrayFunctions::sort);
        r.registerArray("SORTBY", 2, -1, ArrayFunctions::sortBy);
        r.registerArray("UNIQUE", 1, 3, ArrayFunctions::unique);
        r.registerArray("TRANSPOSE", 1, 1, a -> {
            Grid g = a.grid(0);
            Value[][] out = new Value[g.cols()][g.rows()];
            for (int i = 0; i < g.rows(); i++) {
                for (int j = 0; j < g.cols(); j++) {
                    out[j][i] = g.get(i, j);
                }
            }
            return of(out);
        });
        r.registerArray("TOCOL", 1, 3, a -> flatten(a, true));
        r.registerArray("TOROW", 1, 3, a -> flatten(a, false));
        r.registerArray("CHOOSECOLS", 2, -1, a -> choose(a, false));
        r.registerArray("CHOOSEROWS", 2, -1, a -> choose(a, true));
        r.registerArray("TAKE", 2, 3, a -> takeDrop(a, true));
        r.registerArray("DROP", 2, 3, a -> takeDrop(a, false));
        r.registerArray("VSTACK", 1, -1, a -> stack(a, true));
        r.registerArray("HSTACK", 1, -1, a -> stack(a, false));
        r.registerArray("MMULT", 2, 2, ArrayFunctions::mmult);
    }

    /** A grid over values; an empty result is #CALC! (Excel's empty array). */
    static Grid of(Value[][] v) {
        if (v.length == 0 || v[0].length == 0) {
            return Grid.of(ErrorValue.CALC);
        }
        return Grid.of(v);
    }

    static Value[] row(Grid g, int r) {
        Value[] out = new Value[g.cols()];
        for (int c = 0; c < out.length; c++) {
            out[c] = g.get(r, c);
        }
        return out;
    }

    static Value[] col(Grid g, int c) {
        Value[] out = new Value[g.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = g.get(r, c);
        }
        return out;
    }

    private static Grid transpose(Value[][] v) {
        if (v.length == 0) {
            return of(v);
        }
        Value[][] t = new Value[v[0].length][v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                t[j][i] = v[i][j];
            }
        }
        return of(t);
    }

    private static Grid sequence(Args a) {
        int rows = a.integer(0);
        int cols = a.integer(1, 1);
        double start = a.number(2, 1);
        double step = a.number(3, 1);
        if (rows < 1 || cols < 1) {
            return Grid.of(ErrorValue.CALC);
        }
        if ((long) rows * cols > 1 << 20) {
            return Grid.of(ErrorValue.NUM);
        }
        Value[][] out = new Value[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = Values.number(start + step * ((long) r * cols + c));
            }
        }
        return of(out);
    }

    /** Whether an include value keeps its row: numbers not 0, TRUE; errors propagate; text is #VALUE!. */
    private static boolean keep(Value v) {
        return switch (v) {
            case NumberValue n -> n.value() != 0;
            case BooleanValue b -> b.value();
            case EmptyValue e -> false;
            case ErrorValue e -> throw FormulaError.of(e);
            case TextValue t -> throw FormulaError.of(ErrorValue.VALUE);
        };
    }

    private static Grid filter(Args a) {
        Grid g = a.grid(0);
        Grid inc = a.grid(1);
        boolean byRows = inc.cols() == 1 && inc.rows() == g.rows();
        boolean byCols = !byRows && inc.rows() == 1 && inc.cols() == g.cols();
        if (!byRows && !byCols) {
            return Grid.of(ErrorValue.VALUE);
        }
        List<Value[]> kept = new ArrayList<>();
        int n = byRows ? g.rows() : g.cols();
        for (int i = 0; i < n; i++) {
            if (keep(byRows ? inc.get(i, 0) : inc.get(0, i))) {
                kept.add(byRows ? row(g, i) : col(g, i));
            }
        }
        if (kept.isEmpty()) {
            return a.isMissing(2) ? Grid.of(ErrorValue.CALC) : a.grid(2);
        }
        Value[][] v = kept.toArray(new Value[0][]);
        return byRows ? of(v) : transpose(v);
    }

    /** Excel's sort order: numbers, texts (case-insensitive), booleans, errors; blanks last in both orders. */
    static int compare(Value x, Value y, int order) {
        boolean ex = x instanceof EmptyValue;
        boolean ey = y instanceof EmptyValue;
        if (ex || ey) {
            return ex == ey ? 0 : (ex ? 1 : -1);
        }
        int c = Integer.compare(rank(x), rank(y));
        return order * (c != 0 ? c : compareSameRank(x, y));
    }

    private static int rank(Value v) {
        return switch (v) {
            case NumberValue n -> 0;
            case TextValue t -> 1;
            case BooleanValue b -> 2;
            default -> 3;
        };
    }

    private static int compareSameRank(Value x, Value y) {
        return switch (x) {
            case NumberValue n -> Double.compare(n.value(), ((NumberValue) y).value());
            case TextValue t ->
                t.value()
                        .toLowerCase(Locale.ROOT)
                        .compareTo(((TextValue) y).value().toLowerCase(Locale.ROOT));
            case BooleanValue b -> Boolean.compare(b.value(), ((BooleanValue) y).value());
            default -> 0;
        };
    }

    private static int order(Args a, int i) {
        int o = a.integer(i, 1);
        if (o != 1 && o != -1) {
            throw FormulaError.of(ErrorValue.VALUE);
        }
        return o;
    }

    private static Grid sort(Args a) {
        Grid g = a.grid(0);
        int index = a.integer(1, 1);
        int order = order(a, 2);
        boolean byCol = a.bool(3, false);
        Value[][] lines = lines(g, byCol);
        if (index < 1 || lines.length == 0 || index > lines[0].length) {
            return Grid.of(ErrorValue.VALUE);
        }
        int k = index - 1;
        Value[][] sorted = lines.clone();
        Arrays.sort(sorted, (p, q) -> compare(p[k], q[k], order)); // stable
        return byCol ? transpose(sorted) : of(sorted);
    }

    /** The rows of a grid (or its columns, as rows, when byCol). */
    private static Value[][] lines(Grid g, boolean byCol) {
        int n = byCol ? g.cols() : g.rows();
        Value[][] v = new Value[n][];
        for (int i = 0; i < n; i++) {
            v[i] = byCol ? col(g, i) : row(g, i);
        }
        return v;
    }

    private static Grid sortBy(Args a) {
        Grid g = a.grid(0);
        int n = g.rows();
        List<Grid> keys = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        boolean byCol = false;
        for (int i = 1; i < a.count(); i += 2) {
            Grid k = a.grid(i);
            boolean vertical = k.cols() == 1 && k.rows() == g.rows();
            boolean horizontal = k.rows() == 1 && k.cols() == g.cols() && g.cols() > 1;
            if (!vertical && !horizontal) {
                return Grid.of(ErrorValue.VALUE);
            }
            if (i == 1) {
                byCol = !vertical;
            } else if (byCol == vertical) {
                return Grid.of(ErrorValue.VALUE);
            }
            keys.add(k);
            orders.add(order(a, i + 1));
        }
        n = byCol ? g.cols() : g.rows();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        boolean cols = byCol;
        Comparator<Integer> cmp = (p, q) -> {
            for (int j = 0; j < keys.size(); j++) {
                Grid k = keys.get(j);
                int c = cols
                        ? compare(k.get(0, p), k.get(0, q), orders.get(j))
                        : compare(k.get(p, 0), k.get(q, 0), orders.get(j));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Arrays.sort(idx, cmp);
        Value[][] lines = lines(g, byCol);
        Value[][] out = new Value[n][];
        for (int i = 0; i < n; i++) {
            out[i] = lines[idx[i]];
        }
        return byCol ? transpose(out) : of(out);
    }

    private static Grid unique(Args a) {
        Grid g = a.grid(0);
        boolean byCol = a.bool(1, false);
        boolean once = a.bool(2, false);
        Value[][] lines = lines(g, byCol);
        Map<List<Object>, Integer> count = new HashMap<>();
        Map<List<Object>, Value[]> first = new LinkedHashMap<>();
        for (Value[] line : lines) {
            List<Object> key = new ArrayList<>(line.length);
            for (Value v : line) {
                key.add(v instanceof EmptyValue ? "" : Values.lookupKey(v));
            }
            count.merge(key, 1, Integer::sum);
            first.putIfAbsent(key, line);
        }
        List<Value[]> out = new ArrayList<>();
        first.forEach((k, line) -> {
            if (!once || count.get(k) == 1) {
                out.add(line);
            }
        });
        Value[][] v = out.toArray(new Value[0][]);
        return byCol ? transpose(v) : of(v);
    }

    /** TOCOL / TOROW: ignore 0 keeps all, 1 skips blanks, 2 skips errors, 3 skips both. */
    private static Grid flatten(Args a, boolean toCol) {
        Grid g = a.grid(0);
        int ignore = a.integer(1, 0);
        boolean byCol = a.bool(2, false);
        if (ignore < 0 || ignore > 3) {
            return Grid.of(ErrorValue.VALUE);
        }
        List<Value> out = new ArrayList<>();
        int outer = byCol ? g.cols() : g.rows();
        int inner = byCol ? g.rows() : g.cols();
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                Value v = byCol ? g.get(j, i) : g.get(i, j);
                if ((ignore & 1) != 0 && v instanceof EmptyValue) {
                    continue;
                }
                if ((ignore & 2) != 0 && v instanceof ErrorValue) {
                    continue;
                }
                out.add(v);
            }
        }
        Value[][] v = new Value[out.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new Value[] {out.get(i)};
        }
        return toCol ? of(v) : transpose(v);
    }

    /** CHOOSECOLS / CHOOSEROWS: 1-based indexes, negative from the end. */
    private static Grid choose(Args a, boolean rows) {
        Grid g = a.grid(0);
        Value[][] lines = lines(g, !rows);
        List<Value[]> out = new ArrayList<>();
        for (int i = 1; i < a.count(); i++) {
            Grid ix = a.grid(i);
            for (int r = 0; r < ix.rows(); r++) {
                for (int c = 0; c < ix.cols(); c++) {
                    int k = (int) Args.Coerce.number(ix.get(r, c));
                    int at = k > 0 ? k - 1 : lines.length + k;
                    if (k == 0 || at < 0 || at >= lines.length) {
                        return Grid.of(ErrorValue.VALUE);
                    }
                    out.add(lines[at]);
                }
            }
        }
        Value[][] v = out.toArray(new Value[0][]);
        return rows ? of(v) : transpose(v);
    }

    /** TAKE / DROP: positive counts from the start, negative from the end; a missing count keeps all. */
    private static Grid takeDrop(Args a, boolean take) {
        Grid g = a.grid(0);
        int[] rr = span(g.rows(), a.isMissing(1) ? null : a.integer(1), take);
        int[] cc = span(g.cols(), a.isMissing(2) ? null : a.integer(2), take);
        if (rr == null || cc == null) {
            return Grid.of(ErrorValue.CALC);
        }
        Value[][] out = new Value[rr[1] - rr[0]][cc[1] - cc[0]];
        for (int r = rr[0]; r < rr[1]; r++) {
            for (int c = cc[0]; c < cc[1]; c++) {
                out[r - rr[0]][c - cc[0]] = g.get(r, c);
            }
        }
        return of(out);
    }

    /** [from, to) of n kept by TAKE (or DROP) with count k; null when nothing is kept. */
    private static int[] span(int n, Integer k, boolean take) {
        if (k == null) {
            return new int[] {0, n};
        }
        int m = Math.min(Math.abs(k), n);
        int[] s;
        if (take) {
            s = k >= 0 ? new int[] {0, m} : new int[] {n - m, n};
        } else {
            s = k >= 0 ? new int[] {m, n} : new int[] {0, n - m};
        }
        return s[1] > s[0] ? s : null;
    }

    /** VSTACK / HSTACK: arrays appended, the narrower padded with #N/A. */
    private static Grid stack(Args a, boolean vertical) {
        List<Grid> parts = new ArrayList<>();
        int across = 0;
        int along = 0;
        for (int i = 0; i < a.count(); i++) {
            Grid g = a.grid(i);
            parts.add(g);
            across = Math.max(across, vertical ? g.cols() : g.rows());
            along += vertical ? g.rows() : g.cols();
        }
        Value[][] out = new Value[vertical ? along : across][vertical ? across : along];
        for (Value[] line : out) {
            Arrays.fill(line, ErrorValue.NA);
        }
        int at = 0;
        for (Grid g : parts) {
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    if (vertical) {
                        out[at + r][c] = g.get(r, c);
                    } else {
                        out[r][at + c] = g.get(r, c);
                    }
                }
            }
            at += vertical ? g.rows() : g.cols();
        }
        return of(out);
    }

    private static Grid mmult(Args a) {
        Grid x = a.grid(0);
        Grid y = a.grid(1);
        if (x.cols() != y.rows()) {
            return Grid.of(ErrorValue.VALUE);
        }
        Value[][] out = new Value[x.rows()][y.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < y.cols(); j++) {
                double s = 0;
                for (int k = 0; k < x.cols(); k++) {
                    if (!(x.get(i, k) instanceof NumberValue p) || !(y.get(k, j) instanceof NumberValue q)) {
                        return Grid.of(ErrorValue.VALUE);
                    }
                    s += p.value() * q.value();
                }
                out[i][j] = Values.number(s);
            }
        }
        return of(out);
    }
}
