package io.ledgerflow.formula.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinFunctionsTest {

    @Test
    void eachFamilyRegistersExactlyTheNamesListedForIt() {
        assertThat(BuiltinFunctions.Names.BY_FAMILY).hasSameSizeAs(BuiltinFunctions.FAMILIES);
        Set<String> seen = new HashSet<>();
        for (int f = 0; f < BuiltinFunctions.FAMILIES.size(); f++) {
            assertThat(BuiltinFunctions.Names.create(f)).hasSameClassAs(BuiltinFunctions.FAMILIES.get(f));
            FunctionRegistry r = FunctionRegistry.empty();
            BuiltinFunctions.FAMILIES.get(f).register(r);
            assertThat(r.names())
                    .as(
                            "names of %s",
                            BuiltinFunctions.FAMILIES.get(f).getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(BuiltinFunctions.Names.BY_FAMILY.get(f));
            for (String n : r.names()) {
                assertThat(seen.add(n)).as("%s registered by two families", n).isTrue();
            }
        }
    }

    @Test
    void registeringOneNameRegistersItAsTheWholeFamilyDoes() {
        for (int f = 0; f < BuiltinFunctions.FAMILIES.size(); f++) {
            FunctionFamily family = BuiltinFunctions.Names.create(f);
            FunctionRegistry whole = FunctionRegistry.empty();
            family.register(whole);
            for (String n : BuiltinFunctions.Names.BY_FAMILY.get(f)) {
                FunctionRegistry one = FunctionRegistry.empty();
                assertThat(family.register(one, n)).as(n).isTrue();
                FunctionSpec spec = one.lookup(n);
                assertThat(spec).as(n).isNotNull();
                assertThat(spec.name()).isEqualTo(n);
                assertThat(spec.minArgs()).as(n).isEqualTo(whole.lookup(n).minArgs());
                assertThat(spec.maxArgs()).as(n).isEqualTo(whole.lookup(n).maxArgs());
                assertThat(spec.volatileFunction())
                        .as(n)
                        .isEqualTo(whole.lookup(n).volatileFunction());
                assertThat(spec.function() == null)
                        .as(n)
                        .isEqualTo(whole.lookup(n).function() == null);
                assertThat(one.names()).as(n).isSubsetOf(whole.names());
            }
        }
        // the math family registers one function per name (it creates only that lambda)
        FunctionRegistry sum = FunctionRegistry.empty();
        assertThat(new io.ledgerflow.formula.function.math.MathFunctions().register(sum, "SUM"))
                .isTrue();
        assertThat(sum.names()).containsExactly("SUM");
        assertThat(new io.ledgerflow.formula.function.math.MathFunctions().register(FunctionRegistry.empty(), "NOPE"))
                .isFalse();
    }

    @Test
    void theLazySharedRegistryFindsWhatTheEagerOneHas() {
        FunctionRegistry eager = FunctionRegistry.defaults();
        FunctionRegistry shared = FunctionRegistry.builtins();
        for (String n : eager.names()) {
            FunctionSpec spec = shared.lookup(n.toLowerCase());
            assertThat(spec).as(n).isNotNull();
            assertThat(spec.name()).isEqualTo(n);
            assertThat(spec.minArgs()).isEqualTo(eager.lookup(n).minArgs());
            assertThat(spec.maxArgs()).isEqualTo(eager.lookup(n).maxArgs());
            assertThat(spec.volatileFunction()).isEqualTo(eager.lookup(n).volatileFunction());
        }
        assertThat(shared.lookup("NO.SUCH.FUNCTION")).isNull();
        assertThat(shared.names()).isEqualTo(eager.names());
        assertThat(shared.all().keySet()).containsExactlyElementsOf(eager.names());
    }
}
