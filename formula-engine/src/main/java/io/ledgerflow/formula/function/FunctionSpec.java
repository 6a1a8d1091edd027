package io.ledgerflow.formula.function;

/**
 * A registered function: its upper-case name, arity bounds (maxArgs -1 for unbounded), whether
 * it is volatile (re-evaluated on every recalculation, like TODAY), and its implementation —
 * exactly one of {@code function}, {@code referenceFunction} and {@code arrayFunction} is non-null.
 */
public record FunctionSpec(
        String name,
        int minArgs,
        int maxArgs,
        boolean volatileFunction,
        FormulaFunction function,
        ReferenceFunction referenceFunction,
        ArrayFunction arrayFunction) {

    /** A value or reference function (no array function). */
    public FunctionSpec(
            String name,
            int minArgs,
            int maxArgs,
            boolean volatileFunction,
            FormulaFunction function,
            ReferenceFunction referenceFunction) {
        this(name, minArgs, maxArgs, volatileFunction, function, referenceFunction, null);
    }

    public boolean acceptsArgCount(int n) {
        return n >= minArgs && (maxArgs < 0 || n <= maxArgs);
    }
}
