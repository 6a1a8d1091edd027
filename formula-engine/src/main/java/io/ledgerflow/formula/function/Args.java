package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;

/**
 * The arguments of one function call, evaluated lazily. The coercion helpers ({@link #number},
 * {@link #text}, {@link #bool}, ...) apply Excel's rules for a scalar argument and throw
 * {@link FormulaError} (caught by the engine) for error values or impossible coercions.
 */
public interface Args {

    int count();

    /** True for an omitted argument ({@code F(a,,c)}) or an index past the end. */
    boolean isMissing(int i);

    /** True when the argument is written as a reference (cell or range), not computed. */
    boolean isReference(int i);

    /** The argument as a single value. A range argument yields the implicitly intersected cell. */
    Value value(int i);

    /** The argument as a grid; a scalar becomes a 1x1 grid. */
    Grid grid(int i);

    /** The argument as a reference (for OFFSET, ROW, COLUMN); throws #VALUE! otherwise. */
    Reference reference(int i);

    FunctionContext context();

    // ---- coercion helpers -------------------------------------------------------------------

    /** The argument as a number; text is parsed, TRUE is 1, empty is 0; errors are thrown. */
    default double number(int i) {
        return Coerce.number(value(i));
    }

    /** Like {@link #number(int)} but {@code dflt} when the argument is missing. */
    default double number(int i, double dflt) {
        return isMissing(i) ? dflt : number(i);
    }

    /** The argument as a number truncated toward zero. */
    default int integer(int i) {
        double d = number(i);
        if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw FormulaError.of(ErrorValue.NUM);
        }
        return (int) d;
    }

    default int integer(int i, int dflt) {
        return isMissing(i) ? dflt : integer(i);
    }

    /** The argument as text (numbers in General format). */
    default String text(int i) {
        return Coerce.text(value(i));
    }

    default String text(int i, String dflt) {
        return isMissing(i) ? dflt : text(i);
    }

    /** The argument as a boolean (numbers: non-zero; texts TRUE/FALSE). */
    default boolean bool(int i) {
        return Coerce.bool(value(i));
    }

    default boolean bool(int i, boolean dflt) {
        return isMissing(i) ? dflt : bool(i);
    }

    /** Helpers shared by the default methods and by function implementations. */
    final class Coerce {
        private Coerce() {}

        public static double number(Value v) {
            return switch (v) {
                case NumberValue n -> n.value();
                case EmptyValue e -> 0;
                case BooleanValue b -> b.value() ? 1 : 0;
                case TextValue t -> {
                    double d = Values.parseNumber(t.value());
                    if (Double.isNaN(d)) {
                        throw FormulaError.of(ErrorValue.VALUE);
                    }
                    yield d;
                }
                case ErrorValue err -> throw FormulaError.of(err);
            };
        }

        public static String text(Value v) {
            Value t = Values.toText(v);
            if (t instanceof ErrorValue err) {
                throw FormulaError.of(err);
            }
            return ((TextValue) t).value();
        }

        public static boolean bool(Value v) {
            Value b = Values.toBoolean(v);
            if (b instanceof ErrorValue err) {
                throw FormulaError.of(err);
            }
            return ((BooleanValue) b).value();
        }

        /** Throws when v is an error, else returns v. */
        public static Value check(Value v) {
            if (v instanceof ErrorValue err) {
                throw FormulaError.of(err);
            }
            return v;
        }
    }
}
