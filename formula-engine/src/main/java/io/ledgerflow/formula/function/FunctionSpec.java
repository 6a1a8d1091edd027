package io.ledgerflow.formula.function;

/**
 * A registered function: its upper-case name, arity bounds (maxArgs -1 for unbounded), whether
 * it is volatile (re-evaluated on every recalculation, like TODAY), and its implementation —
 * exactly one of {@code function} and {@code referenceFunction} is non-null.
 */
public record FunctionSpec(
        String name,
        int minArgs,
        int maxArgs,
        boolean volatileFunction,
        FormulaFunction function,
        ReferenceFunction referenceFunction) {

    public boolean acceptsArgCount(int n) {
        return n >= minArgs && (maxArgs < 0 || n <= maxArgs);
    }
}
