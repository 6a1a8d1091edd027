package io.ledgerflow.formula.function;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions a formula may call, by case-insensitive name. A registry is filled once and then
 * only read (safe to share between engines and threads after construction).
 */
public final class FunctionRegistry {

    private final Map<String, FunctionSpec> functions = new TreeMap<>();
    private volatile boolean frozen;

    private static final class Shared {
        static final FunctionRegistry INSTANCE = defaults().freeze();
    }

    /** A new registry with every built-in family (see {@link BuiltinFunctions}), open for additions. */
    public static FunctionRegistry defaults() {
        FunctionRegistry r = new FunctionRegistry();
        for (FunctionFamily f : BuiltinFunctions.FAMILIES) {
            f.register(r);
        }
        return r;
    }

    /** The built-in functions as one shared, frozen registry (what engines use by default). */
    public static FunctionRegistry builtins() {
        return Shared.INSTANCE;
    }

    /** Forbids further registrations; returns this registry. */
    public FunctionRegistry freeze() {
        frozen = true;
        return this;
    }

    /** An empty registry (for tests or custom engines). */
    public static FunctionRegistry empty() {
        return new FunctionRegistry();
    }

    /** Registers a value function taking between minArgs and maxArgs (-1: any number) arguments. */
    public FunctionRegistry register(String name, int minArgs, int maxArgs, FormulaFunction fn) {
        return add(new FunctionSpec(name.toUpperCase(Locale.ROOT), minArgs, maxArgs, false, fn, null));
    }

    /** Registers a volatile value function (re-evaluated on every recalculation, like TODAY). */
    public FunctionRegistry registerVolatile(String name, int minArgs, int maxArgs, FormulaFunction fn) {
        return add(new FunctionSpec(name.toUpperCase(Locale.ROOT), minArgs, maxArgs, true, fn, null));
    }

    /** Registers a function returning a reference (volatile, like OFFSET). */
    public FunctionRegistry registerReference(String name, int minArgs, int maxArgs, ReferenceFunction fn) {
        return add(new FunctionSpec(name.toUpperCase(Locale.ROOT), minArgs, maxArgs, true, null, fn));
    }

    public FunctionRegistry add(FunctionSpec spec) {
        if (frozen) {
            throw new IllegalStateException("This registry is frozen; use FunctionRegistry.defaults() for your own");
        }
        if (functions.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("Function already registered: " + spec.name());
        }
        return this;
    }

    /** The function with this name (any case), or null. */
    public FunctionSpec lookup(String name) {
        return functions.get(name.toUpperCase(Locale.ROOT));
    }

    public Map<String, FunctionSpec> all() {
        return Collections.unmodifiableMap(functions);
    }

    /** Names of all registered functions, sorted. */
    public List<String> names() {
        return List.copyOf(functions.keySet());
    }
}
