package io.ledgerflow.formula.function;

/**
 * A function whose result is a reference (like OFFSET): used as a range by the function around it,
 * or read as a value otherwise. Its dependencies are dynamic, so such functions are volatile.
 */
@FunctionalInterface
public interface ReferenceFunction {

    Reference apply(Args args);
}
