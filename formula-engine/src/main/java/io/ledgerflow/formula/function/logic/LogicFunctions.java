package io.ledgerflow.formula.function.logic;

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

/** IF, IFS, IFERROR, IFNA, AND, OR, NOT, XOR, SWITCH, CHOOSE, TRUE, FALSE. Branches are lazy. */
public final class LogicFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("IF", 1, 3, a -> {
            boolean c = a.bool(0);
            if (c) {
                return a.isMissing(1) ? (a.count() > 1 ? NumberValue.ZERO : BooleanValue.TRUE) : a.value(1);
            }
            if (a.count() < 3) {
                return BooleanValue.FALSE;
            }
            return a.isMissing(2) ? NumberValue.ZERO : a.value(2);
        });
        r.register("IFS", 2, -1, a -> {
            if (a.count() % 2 != 0) {
                return ErrorValue.VALUE;
            }
            for (int i = 0; i < a.count(); i += 2) {
                if (a.bool(i)) {
                    return a.value(i + 1);
                }
            }
            return ErrorValue.NA;
        });
        r.register("IFERROR", 2, 2, a -> {
            Value v = a.value(0);
            return v instanceof ErrorValue ? a.value(1) : v;
        });
        r.register("IFNA", 2, 2, a -> {
            Value v = a.value(0);
            return v == ErrorValue.NA ? a.value(1) : v;
        });
        r.register("AND", 1, -1, a -> logical(a, 0));
        r.register("OR", 1, -1, a -> logical(a, 1));
        r.register("XOR", 1, -1, a -> logical(a, 2));
        r.register("NOT", 1, 1, a -> BooleanValue.of(!a.bool(0)));
        r.register("TRUE", 0, 0, a -> BooleanValue.TRUE);
        r.register("FALSE", 0, 0, a -> BooleanValue.FALSE);
        r.register("SWITCH", 3, -1, a -> {
            Value v = Args.Coerce.check(a.value(0));
            int n = a.count();
            int i = 1;
            for (; i + 1 < n; i += 2) {
                Value c = Args.Coerce.check(a.value(i));
                if (Values.equal(v, c)) {
                    return a.value(i + 1);
                }
            }
            return i < n ? a.value(i) : ErrorValue.NA;
        });
        r.register("CHOOSE", 2, -1, a -> {
            int k = a.integer(0);
            if (k < 1 || k >= a.count()) {
                return ErrorValue.VALUE;
            }
            return a.value(k);
        });
    }

    /** mode 0 AND, 1 OR, 2 XOR; references skip text and blanks; no logical values: #VALUE!. */
    private static Value logical(Args a, int mode) {
        boolean any = false;
        boolean and = true;
        boolean or = false;
        int trues = 0;
        for (int i = 0; i < a.count(); i++) {
            if (a.isMissing(i)) {
                continue;
            }
            if (a.isReference(i)) {
                Grid g = a.grid(i);
                for (int r = 0; r < g.rows(); r++) {
                    for (int c = 0; c < g.cols(); c++) {
                        Value v = g.get(r, c);
                        if (v instanceof ErrorValue e) {
                            throw FormulaError.of(e);
                        }
                        if (v instanceof TextValue || v instanceof EmptyValue) {
                            continue;
                        }
                        boolean b = Args.Coerce.bool(v);
                        any = true;
                        and &= b;
                        or |= b;
                        trues += b ? 1 : 0;
                    }
                }
            } else {
                boolean b = a.bool(i);
                any = true;
                and &= b;
                or |= b;
                trues += b ? 1 : 0;
            }
        }
        if (!any) {
            return ErrorValue.VALUE;
        }
        return BooleanValue.of(mode == 0 ? and : mode == 1 ? or : trues % 2 == 1);
    }
}
