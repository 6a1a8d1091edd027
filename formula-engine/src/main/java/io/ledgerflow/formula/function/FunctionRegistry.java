package io.ledgerflow.formula.function;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions a formula may call, by case-insensitive name. A registry is filled once and then
 * only read (safe to share between engines and threads after construction). The shared built-in
 * registry fills itself on the first lookup of each name, through its family's
 * {@link FunctionFamily#register(FunctionRegistry, String)} (one function, or the whole family).
 */
public final class FunctionRegistry {

    private final Map<String, FunctionSpec> functions = new TreeMap<>();
    private volatile boolean frozen;

    /** For the lazy built-in registry: the family index of each built-in name; else null. */
    private final Map<String, Integer> familyOf;
    /** Lazy registry: families registered completely so far (guarded by this). */
    private final boolean[] registered;
    /** Lazy registry: family instances created so far (guarded by this). */
    private final FunctionFamily[] families;
    /** Lazy registry: what lookups read, replaced (never changed) when a family is registered. */
    private volatile Map<String, FunctionSpec> view = Map.of();

    private static final class Shared {
        static final FunctionRegistry INSTANCE = lazyBuiltins();
    }

    private FunctionRegistry() {
        this.familyOf = null;
        this.registered = null;
        this.families = null;
    }

    private FunctionRegistry(Map<String, Integer> familyOf, int families) {
        this.familyOf = familyOf;
        this.registered = new boolean[families];
        this.families = new FunctionFamily[families];
        this.frozen = true;
    }

    private static FunctionRegistry lazyBuiltins() {
        Map<String, Integer> familyOf = new HashMap<>();
        for (int f = 0; f < BuiltinFunctions.Names.BY_FAMILY.size(); f++) {
            for (String name : BuiltinFunctions.Names.BY_FAMILY.get(f)) {
                familyOf.put(name, f);
            }
        }
        return new FunctionRegistry(familyOf, BuiltinFunctions.Names.BY_FAMILY.size());
    }

    private FunctionFamily family(int f) {
        FunctionFamily fam = families[f];
        if (fam == null) {
            fam = BuiltinFunctions.Names.create(f);
            families[f] = fam;
        }
        return fam;
    }

    /**
     * Lazy registry: registers a built-in function of family f (and whatever else the family
     * registers with it) unless it is already; new names become visible. Functions registered
     * before are kept, so a lookup always returns the same spec for a name.
     */
    private synchronized void registerName(int f, String key) {
        if (view.containsKey(key)) {
            return;
        }
        FunctionRegistry scratch = new FunctionRegistry();
        family(f).register(scratch, key);
        publish(scratch);
    }

    /** Lazy registry: registers a whole built-in family unless it is already. */
    private synchronized void registerFamily(int f) {
        if (registered[f]) {
            return;
        }
        FunctionRegistry scratch = new FunctionRegistry();
        family(f).register(scratch);
        publish(scratch);
        registered[f] = true;
    }

    private void publish(FunctionRegistry scratch) {
        for (FunctionSpec spec : scratch.functions.values()) {
            functions.putIfAbsent(spec.name(), spec);
        }
        view = new HashMap<>(functions);
    }

    private void registerAllFamilies() {
        for (int f = 0; f < registered.length; f++) {
            registerFamily(f);
        }
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

    /** Registers a function returning an array, which spills from the formula's cell. */
    public FunctionRegistry registerArray(String name, int minArgs, int maxArgs, ArrayFunction fn) {
        return add(new FunctionSpec(name.toUpperCase(Locale.ROOT), minArgs, maxArgs, false, null, null, fn));
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
        String key = name.toUpperCase(Locale.ROOT);
        if (familyOf == null) {
            return functions.get(key);
        }
        FunctionSpec spec = view.get(key);
        if (spec == null) {
            Integer f = familyOf.get(key);
            if (f == null) {
                return null;
            }
            registerName(f, key);
            spec = view.get(key);
        }
        return spec;
    }

    public Map<String, FunctionSpec> all() {
        if (familyOf != null) {
            registerAllFamilies();
            return Collections.unmodifiableMap(new TreeMap<>(view));
        }
        return Collections.unmodifiableMap(functions);
    }

    /** Names of all registered functions, sorted. */
    public List<String> names() {
        if (familyOf != null) {
            registerAllFamilies();
            return List.copyOf(new TreeMap<>(view).keySet());
        }
        return List.copyOf(functions.keySet());
    }
}
