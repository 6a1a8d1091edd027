package io.ledgerflow.formula.function;

/** A group of related functions that registers itself (one class per family package). */
@FunctionalInterface
public interface FunctionFamily {

    void register(FunctionRegistry registry);
}
