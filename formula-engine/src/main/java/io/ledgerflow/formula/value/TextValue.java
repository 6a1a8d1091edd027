package io.ledgerflow.formula.value;

import java.util.Objects;

/** A text value. Comparisons between texts are case-insensitive, as in Excel. */
public record TextValue(String value) implements Value {

    public static final TextValue EMPTY = new TextValue("");

    public TextValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Object toJava() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
