package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.ErrorValue;

/**
 * Thrown by argument helpers to abort a function with an error value; the engine catches it and
 * the function's result is {@link #error()}. Instances are shared and carry no stack trace, so
 * throwing one is cheap.
 */
public final class FormulaError extends RuntimeException {

    private static final FormulaError[] CACHE;

    static {
        ErrorValue[] all = ErrorValue.values();
        CACHE = new FormulaError[all.length];
        for (ErrorValue e : all) {
            CACHE[e.ordinal()] = new FormulaError(e);
        }
    }

    private final transient ErrorValue error;

    private FormulaError(ErrorValue error) {
        super(error.text(), null, false, false);
        this.error = error;
    }

    public static FormulaError of(ErrorValue e) {
        return CACHE[e.ordinal()];
    }

    public ErrorValue error() {
        return error;
    }
}
