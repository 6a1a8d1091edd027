package io.ledgerflow.formula.function;

import io.ledgerflow.formula.FormulaEngine;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Boundary and error cases of the functions, one table per family under {@code function-edges/}
 * (same format and fixture as {@link FunctionTableTest}): the arguments where a result changes
 * (zero, one past the end, negative counts, empty text, errors in ranges), each with Excel's
 * documented result. Written against the mutants PIT found surviving the main table; one factory
 * per family so that a mutant runs only its family's table.
 */
class FunctionEdgeCasesTest {

    private static FormulaEngine engine;

    @BeforeAll
    static void build() {
        engine = FormulaEngine.builder()
                .sheet("T", new Object[][] {{null}})
                .sheet("Data", FunctionTableTest.data())
                .today(LocalDate.of(2024, 5, 17))
                .parallelism(1)
                .build();
    }

    private static Stream<DynamicTest> table(String family) throws Exception {
        String resource = "/function-edges/" + family + ".txt";
        return FunctionTableTest.cases(resource).stream()
                .map(c -> DynamicTest.dynamicTest(
                        family + ":" + c.line() + ": " + c.formula() + " -> " + c.expected(), () -> {
                            engine.setCell("T", 0, 0, c.formula());
                            FunctionTableTest.check(engine.getValue("T", 0, 0), c.expected());
                        }));
    }

    @TestFactory
    Stream<DynamicTest> text() throws Exception {
        return table("text");
    }
}
