package io.ledgerflow.formula.value;

/**
 * A cell or intermediate value, as Excel knows them: a number, a text, a boolean, empty, or an
 * error. Values are immutable. Errors are values (see {@link ErrorValue}), never exceptions.
 */
public sealed interface Value permits NumberValue, TextValue, BooleanValue, EmptyValue, ErrorValue {

    /** The value as a plain Java object: Double, String, Boolean, null (empty) or ErrorValue. */
    Object toJava();

    default boolean isError() {
        return this instanceof ErrorValue;
    }

    default boolean isEmpty() {
        return this == EmptyValue.INSTANCE;
    }

    static Value of(double d) {
        return NumberValue.of(d);
    }

    static Value of(String s) {
        return new TextValue(s);
    }

    static Value of(boolean b) {
        return BooleanValue.of(b);
    }

    static Value empty() {
        return EmptyValue.INSTANCE;
    }

    /** Converts a plain Java object (Number, String, Boolean, null, Value) to a constant value. */
    static Value fromJava(Object o) {
        if (o == null) {
            return EmptyValue.INSTANCE;
        }
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof Number n) {
            return NumberValue.of(n.doubleValue());
        }
        if (o instanceof Boolean b) {
            return BooleanValue.of(b);
        }
        if (o instanceof String s) {
            return s.isEmpty() ? EmptyValue.INSTANCE : new TextValue(s);
        }
        throw new IllegalArgumentException("Unsupported cell content type: " + o.getClass());
    }
}
