package io.ledgerflow.formula.value;

/** TRUE or FALSE. */
public enum BooleanValue implements Value {
    FALSE,
    TRUE;

    public static BooleanValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public Object toJava() {
        return value();
    }
}
