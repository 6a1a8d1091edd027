package io.ledgerflow.formula.function;

/**
 * A function returning an array (FILTER, SORT, SEQUENCE, ...): the engine spills the grid from the
 * formula's cell into the cells below and to the right, or takes its first element where one value
 * is wanted. Same contract as {@link FormulaFunction}: stateless, thread-safe, errors as values
 * (a 1x1 grid holding the error) or thrown as {@link FormulaError}.
 */
@FunctionalInterface
public interface ArrayFunction {

    Grid apply(Args args);
}
