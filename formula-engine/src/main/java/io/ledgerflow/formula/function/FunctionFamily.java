package io.ledgerflow.formula.function;

/** A group of related functions that registers itself (one class per family package). */
@FunctionalInterface
public interface FunctionFamily {

    void register(FunctionRegistry registry);

    /**
     * Registers at least the function {@code name} (upper case) of this family; returns false if
     * the family has no such function. The shared built-in registry calls this on the first
     * lookup of a name. The default registers the whole family; a family whose functions are
     * lambdas can register just the one asked for (a switch over the names, one lambda per case),
     * since creating a lambda costs a fresh JVM about 0.3 ms — {@code MathFunctions} does.
     */
    default boolean register(FunctionRegistry registry, String name) {
        register(registry);
        return true;
    }
}
