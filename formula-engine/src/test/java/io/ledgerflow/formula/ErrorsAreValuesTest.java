package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import org.junit.jupiter.api.Test;

/** Errors are values: no exception of a function leaves build() or an edit (issue 12). */
class ErrorsAreValuesTest {

    @Test
    void aHugeNumberFormattedAsADateIsAnErrorValueNotAnException() {
        FormulaEngine e = FormulaEngine.builder()
                .sheet("S", new Object[][] {{1e20, "=TEXT(A1,\"yyyy-mm-dd\")", "=B1&\"!\"", 5}})
                .build();
        assertThat(e.getValue("S", 0, 1)).isEqualTo(ErrorValue.VALUE);
        assertThat(e.getValue("S", 0, 2)).isEqualTo(ErrorValue.VALUE);
        e.setCell("S", 0, 0, 45000);
        assertThat(e.getValue("S", 0, 1)).isEqualTo(new TextValue("2023-03-15"));
        e.setCell("S", 0, 0, 1e300);
        assertThat(e.getValue("S", 0, 1)).isEqualTo(ErrorValue.VALUE);
        assertThat(e.getValue("S", 0, 3)).isEqualTo(NumberValue.of(5));
    }

    @Test
    void anyRuntimeExceptionOfAFunctionBecomesAnErrorValueThatIferrorCanCatch() {
        FunctionRegistry r = FunctionRegistry.defaults();
        r.register("BROKEN", 0, 1, a -> {
            throw new IllegalStateException("a defect in a function");
        });
        r.register("OVERFLOW", 0, 0, a -> NumberValue.of(Math.addExact(Long.MAX_VALUE, 1)));
        r.register(
                "BADDATE",
                0,
                0,
                a -> NumberValue.of(java.time.LocalDate.of(2020, 13, 1).getYear()));
        FormulaEngine e = FormulaEngine.builder()
                .functions(r)
                .sheet("S", new Object[][] {{"=BROKEN()", "=IFERROR(BROKEN(),7)", "=OVERFLOW()", "=BADDATE()", "=A1"}})
                .build();
        assertThat(e.getValue("S", 0, 0)).isEqualTo(ErrorValue.VALUE);
        assertThat(e.getValue("S", 0, 1)).isEqualTo(NumberValue.of(7));
        assertThat(e.getValue("S", 0, 2)).isEqualTo(ErrorValue.NUM);
        assertThat(e.getValue("S", 0, 3)).isEqualTo(ErrorValue.NUM);
        assertThat(e.getValue("S", 0, 4)).isEqualTo(ErrorValue.VALUE);
        e.setCell("S", 1, 0, "=BROKEN(A1)+1");
        assertThat(e.getValue("S", 1, 0)).isEqualTo(ErrorValue.VALUE);
    }

    @Test
    void deletedRangeReferencesAndArrayConstantsParseAndPrint() {
        assertThat(FormulaPrinter.print(FormulaParser.parse("=#REF!A1+1"))).isEqualTo("=#REF!+1");
        assertThat(FormulaPrinter.print(FormulaParser.parse("=SUM( { 1 , -2.5 ; \"a\" , TRUE } )")))
                .isEqualTo("=SUM({1,-2.5;\"a\",TRUE})");
        assertThat(FormulaPrinter.print(FormulaParser.parse("={#N/A,1}"))).isEqualTo("={#N/A,1}");
    }
}
