package io.ledgerflow.formula.function.info;

import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;

/** ISBLANK, ISNUMBER, ISTEXT, ISLOGICAL, ISERROR, ISERR, ISNA, ISEVEN, ISODD, NA, N, T, ERROR.TYPE. */
public final class InfoFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("ISBLANK", 1, 1, a -> BooleanValue.of(a.value(0) instanceof EmptyValue));
        r.register("ISNUMBER", 1, 1, a -> BooleanValue.of(a.value(0) instanceof NumberValue));
        r.register("ISTEXT", 1, 1, a -> BooleanValue.of(a.value(0) instanceof TextValue));
        r.register("ISNONTEXT", 1, 1, a -> BooleanValue.of(!(a.value(0) instanceof TextValue)));
        r.register("ISLOGICAL", 1, 1, a -> BooleanValue.of(a.value(0) instanceof BooleanValue));
        r.register("ISERROR", 1, 1, a -> BooleanValue.of(a.value(0) instanceof ErrorValue));
        r.register("ISERR", 1, 1, a -> BooleanValue.of(a.value(0) instanceof ErrorValue e && e != ErrorValue.NA));
        r.register("ISNA", 1, 1, a -> BooleanValue.of(a.value(0) == ErrorValue.NA));
        r.register("ISEVEN", 1, 1, a -> BooleanValue.of(((long) Math.floor(Math.abs(a.number(0)))) % 2 == 0));
        r.register("ISODD", 1, 1, a -> BooleanValue.of(((long) Math.floor(Math.abs(a.number(0)))) % 2 == 1));
        r.register("NA", 0, 0, a -> ErrorValue.NA);
        r.register("N", 1, 1, a -> {
            Value v = a.value(0);
            return switch (v) {
                case NumberValue n -> n;
                case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
                case ErrorValue e -> e;
                default -> NumberValue.ZERO;
            };
        });
        r.register("T", 1, 1, a -> {
            Value v = a.value(0);
            return v instanceof TextValue || v instanceof ErrorValue ? v : TextValue.EMPTY;
        });
        r.register("ERROR.TYPE", 1, 1, a -> {
            Value v = a.value(0);
            if (!(v instanceof ErrorValue e)) {
                return ErrorValue.NA;
            }
            return switch (e) {
                case NULL -> NumberValue.of(1);
                case DIV0 -> NumberValue.of(2);
                case VALUE -> NumberValue.of(3);
                case REF -> NumberValue.of(4);
                case NAME -> NumberValue.of(5);
                case NUM -> NumberValue.of(6);
                case NA -> NumberValue.of(7);
                case CYCLE -> NumberValue.of(8);
                case SPILL -> NumberValue.of(9);
                case CALC -> NumberValue.of(14);
            };
        });
        r.register(
                "ISREF",
                1,
                1,
                a -> BooleanValue.of(a.isReference(0) && a.grid(0).reference() != null));
        r.register("ISFORMULA", 1, 1, a -> {
            io.ledgerflow.formula.function.Reference ref = a.reference(0);
            return BooleanValue.of(a.context().formulaText(ref.sheet(), ref.row1(), ref.col1()) != null);
        });
        r.register("FORMULATEXT", 1, 1, a -> {
            io.ledgerflow.formula.function.Reference ref = a.reference(0);
            String f = a.context().formulaText(ref.sheet(), ref.row1(), ref.col1());
            return f == null ? ErrorValue.NA : new TextValue(f);
        });
        r.register("TYPE", 1, 1, a -> {
            if (a.isReference(0) && a.grid(0).rows() * a.grid(0).cols() > 1) {
                return NumberValue.of(64);
            }
            return switch (a.value(0)) {
                case NumberValue n -> NumberValue.of(1);
                case EmptyValue e -> NumberValue.of(1);
                case TextValue t -> NumberValue.of(2);
                case BooleanValue b -> NumberValue.of(4);
                case ErrorValue e -> NumberValue.of(16);
            };
        });
    }
}
