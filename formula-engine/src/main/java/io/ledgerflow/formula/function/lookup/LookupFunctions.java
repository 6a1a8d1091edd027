package io.ledgerflow.formula.function.lookup;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.Criterion;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.regex.Pattern;

/**
 * VLOOKUP, HLOOKUP, XLOOKUP, INDEX, MATCH, XMATCH, OFFSET, ROWS, COLUMNS, ROW, COLUMN, CHOOSECOLS
 * is not included. Exact matches over engine ranges use a hash index kept by the range node.
 */
public final class LookupFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("VLOOKUP", 3, 4, a -> lookup(a, true));
        r.register("HLOOKUP", 3, 4, a -> lookup(a, false));
        r.register("MATCH", 2, 3, LookupFunctions::match);
        r.register("XMATCH", 2, 4, a -> {
            int pos = xmatch(a.value(0), a.grid(1), a.integer(2, 0), a.integer(3, 1));
            return pos < 0 ? ErrorValue.NA : NumberValue.of(pos + 1);
        });
        r.registerArray("XLOOKUP", 3, 6, LookupFunctions::xlookup);
        r.register("INDEX", 2, 3, LookupFunctions::index);
        r.registerReference("OFFSET", 3, 5, LookupFunctions::offset);
        r.register("ROWS", 1, 1, a -> {
            Grid g = a.grid(0);
            return NumberValue.of(g.reference() != null ? g.reference().rows() : g.rows());
        });
        r.register("COLUMNS", 1, 1, a -> {
            Grid g = a.grid(0);
            return NumberValue.of(g.reference() != null ? g.reference().cols() : g.cols());
        });
        r.register(
                "ROW",
                0,
                1,
                a -> NumberValue.of(
                        (a.isMissing(0) ? a.context().hostRow() : a.reference(0).row1()) + 1));
        r.register(
                "COLUMN",
                0,
                1,
                a -> NumberValue.of(
                        (a.isMissing(0) ? a.context().hostCol() : a.reference(0).col1()) + 1));
    }

    private static boolean hasWildcard(Value key) {
        if (!(key instanceof TextValue t)) {
            return false;
        }
        String s = t.value();
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('~') >= 0;
    }

    /** Position of an exact match along a vector of the grid (column col, or row row), or -1. */
    static int exact(Grid g, Value key, boolean vertical, int line) {
        if (key instanceof ErrorValue e) {
            throw FormulaError.of(e);
        }
        if (hasWildcard(key)) {
            Pattern p = Criterion.wildcardPattern(((TextValue) key).value());
            int n = vertical ? g.rows() : g.cols();
            for (int i = 0; i < n; i++) {
                Value v = vertical ? g.get(i, line) : g.get(line, i);
                if (v instanceof TextValue t && p.matcher(t.value()).matches()) {
                    return i;
                }
            }
            return -1;
        }
        if (vertical) {
            return g.findExact(key, line);
        }
        Object k = Values.lookupKey(key);
        for (int i = 0; i < g.cols(); i++) {
            Value v = g.get(line, i);
            if (!(v instanceof EmptyValue)
                    && !(v instanceof ErrorValue)
                    && Values.lookupKey(v).equals(k)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameType(Value a, Value b) {
        return (a instanceof NumberValue && b instanceof NumberValue)
                || (a instanceof TextValue && b instanceof TextValue)
                || (a instanceof BooleanValue && b instanceof BooleanValue);
    }

    /** Approximate match on ascending data: the last position whose value <= key, or -1. */
    static int approximate(Grid g, Value key, boolean vertical, int line) {
        int n = vertical ? g.rows() : g.cols();
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            // skip blanks and other types toward lo
            int m = mid;
            Value v = vertical ? g.get(m, line) : g.get(line, m);
            while (m > lo && !sameType(v, key)) {
                m--;
                v = vertical ? g.get(m, line) : g.get(line, m);
            }
            if (!sameType(v, key)) {
                lo = mid + 1;
                continue;
            }
            if (Values.compare(v, key) <= 0) {
                found = m;
                lo = mid + 1;
            } else {
                hi = m - 1;
            }
        }
        return found;
    }

    private static Value lookup(Args a, boolean vertical) {
        Value key = a.value(0);
        Grid table = a.grid(1);
        int idx = a.integer(2);
        boolean approx = a.bool(3, true);
        if (idx < 1) {
            return ErrorValue.VALUE;
        }
        int size = vertical ? table.cols() : table.rows();
        if (idx > size && table.reference() == null) {
            return ErrorValue.REF;
        }
        if (table.reference() != null) {
            Reference ref = table.reference();
            if (idx > (vertical ? ref.cols() : ref.rows())) {
                return ErrorValue.REF;
            }
        }
        int pos = approx ? approximate(table, key, vertical, 0) : exact(table, key, vertical, 0);
        if (pos < 0) {
            return ErrorValue.NA;
        }
        return vertical ? table.get(pos, idx - 1) : table.get(idx - 1, pos);
    }

    private static Value match(Args a) {
        Value key = a.value(0);
        Grid g = a.grid(1);
        int type = a.integer(2, 1);
        boolean vertical = g.cols() == 1;
        if (!vertical && g.rows() != 1) {
            return ErrorValue.NA;
        }
        int pos;
        if (type == 0) {
            pos = exact(g, key, vertical, 0);
        } else if (type > 0) {
            pos = approximate(g, key, vertical, 0);
        } else {
            pos = -1;
            int n = vertical ? g.rows() : g.cols();
            for (int i = 0; i < n; i++) {
                Value v = vertical ? g.get(i, 0) : g.get(0, i);
                if (!sameType(v, key)) {
                    continue;
                }
                if (Values.compare(v, key) >= 0) {
                    pos = i;
                } else {
                    break;
                }
            }
        }
        return pos < 0 ? ErrorValue.NA : NumberValue.of(pos + 1);
    }

    /** XMATCH semantics; returns the 0-based position or -1. */
    static int xmatch(Value key, Grid g, int matchMode, int searchMode) {
        if (key instanceof ErrorValue e) {
            throw FormulaError.of(e);
        }
        boolean vertical = g.cols() == 1;
        if (!vertical && g.rows() != 1) {
            throw FormulaError.of(ErrorValue.VALUE);
        }
        int n = vertical ? g.rows() : g.cols();
        if (matchMode == 0 && searchMode == 1 && !hasWildcard(key)) {
            return exact(g, key, vertical, 0);
        }
        Pattern p = matchMode == 2 && key instanceof TextValue t ? Criterion.wildcardPattern(t.value()) : null;
        int best = -1;
        Value bestV = null;
        boolean reverse = searchMode == -1 || searchMode == -2;
        for (int k = 0; k < n; k++) {
            int i = reverse ? n - 1 - k : k;
            Value v = vertical ? g.get(i, 0) : g.get(0, i);
            if (v instanceof ErrorValue || v instanceof EmptyValue) {
                continue;
            }
            if (p != null) {
                if (v instanceof TextValue t && p.matcher(t.value()).matches()) {
                    return i;
                }
                continue;
            }
            if (!sameType(v, key)) {
                continue;
            }
            int c = Values.compare(v, key);
            if (c == 0) {
                return i;
            }
            if (matchMode == -1 && c < 0 && (bestV == null || Values.compare(v, bestV) > 0)) {
                best = i;
                bestV = v;
            } else if (matchMode == 1 && c > 0 && (bestV == null || Values.compare(v, bestV) < 0)) {
                best = i;
                bestV = v;
            }
        }
        return best;
    }

    /** XLOOKUP: the matching row (or column) of the return array, a single value or an array that spills. */
    private static Grid xlookup(Args a) {
        Grid look = a.grid(1);
        Grid ret = a.grid(2);
        int pos = xmatch(a.value(0), look, a.integer(4, 0), a.integer(5, 1));
        if (pos < 0) {
            return a.isMissing(3) ? Grid.of(ErrorValue.NA) : a.grid(3);
        }
        boolean vertical = look.cols() == 1;
        if (vertical) {
            if (pos >= ret.rows()) {
                return Grid.of(ErrorValue.VALUE);
            }
            Value[][] line = {ArrayFunctions.row(ret, pos)};
            return Grid.of(line);
        }
        if (pos >= ret.cols()) {
            return Grid.of(ErrorValue.VALUE);
        }
        Value[][] line = new Value[ret.rows()][];
        for (int r = 0; r < line.length; r++) {
            line[r] = new Value[] {ret.get(r, pos)};
        }
        return Grid.of(line);
    }

    private static Value index(Args a) {
        Grid g = a.grid(0);
        int rows = g.reference() != null ? Math.min(g.reference().rows(), Integer.MAX_VALUE) : g.rows();
        int cols = g.reference() != null ? g.reference().cols() : g.cols();
        int r = a.integer(1, 0);
        int c = a.integer(2, 0);
        if (a.count() == 2 && rows == 1) {
            c = r;
            r = 1;
        } else if (a.count() == 2 && cols == 1) {
            c = 1;
        }
        if (r < 0 || c < 0) {
            return ErrorValue.VALUE;
        }
        if (r == 0) {
            if (rows != 1) {
                return ErrorValue.VALUE;
            }
            r = 1;
        }
        if (c == 0) {
            if (cols != 1) {
                return ErrorValue.VALUE;
            }
            c = 1;
        }
        if (r > rows || c > cols) {
            return ErrorValue.REF;
        }
        return g.get(r - 1, c - 1);
    }

    private static Reference offset(Args a) {
        Reference base = a.reference(0);
        int dr = a.integer(1);
        int dc = a.integer(2);
        int h = a.isMissing(3) ? base.rows() : a.integer(3);
        int w = a.isMissing(4) ? base.cols() : a.integer(4);
        if (h < 1 || w < 1) {
            throw FormulaError.of(ErrorValue.REF);
        }
        int r1 = base.row1() + dr;
        int c1 = base.col1() + dc;
        int r2 = r1 + h - 1;
        int c2 = c1 + w - 1;
        if (r1 < 0 || c1 < 0 || r2 > Expr.MAX_ROW || c2 > Expr.MAX_COL) {
            throw FormulaError.of(ErrorValue.REF);
        }
        return new Reference(base.sheet(), r1, c1, r2, c2);
    }
}
