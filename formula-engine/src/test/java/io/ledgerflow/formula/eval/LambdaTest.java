package io.ledgerflow.formula.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import org.junit.jupiter.api.Test;

/** LAMBDA through names, its dependencies, spilling and printing (the cases: function-cases.txt). */
class LambdaTest {

    private static FormulaEngine engine() {
        return FormulaEngine.builder()
                .sheet("S", new Object[][] {{1, 2, 3}, {4, 5, 6}})
                .sheet("Rates", new Object[][] {{"vat", 0.2}})
                .name("ADDVAT", "=LAMBDA(x,x*(1+Rates!$B$1))")
                .name("_xlpm_style", "=_xlfn.LAMBDA(_xlpm.a,_xlpm.b,a*b)")
                .parallelism(1)
                .build();
    }

    private static double num(Value v) {
        assertThat(v).isInstanceOf(NumberValue.class);
        return ((NumberValue) v).value();
    }

    @Test
    void aDefinedNameHoldsALambdaCalledLikeAFunctionWhoseReferencesAreTracked() {
        FormulaEngine e = engine();
        e.setCell("S", 3, 0, "=ADDVAT(A1*100)");
        assertThat(num(e.getValue("S", 3, 0))).isEqualTo(120.0);
        e.setCell("Rates", 0, 1, 0.25); // a reference inside the lambda's body
        assertThat(num(e.getValue("S", 3, 0))).isEqualTo(125.0);
        e.setCell("S", 0, 0, 2); // a reference in its argument
        assertThat(num(e.getValue("S", 3, 0))).isEqualTo(250.0);
        assertThat(e.getFormula("S", 3, 0)).isEqualTo("=ADDVAT(A1*100)");
    }

    @Test
    void parametersAsFilesStoreThemAndAnUnknownNameCalledIsNameError() {
        FormulaEngine e = engine();
        e.setCell("S", 3, 0, "=_XLPM_STYLE(3,4)");
        assertThat(num(e.getValue("S", 3, 0))).isEqualTo(12.0);
        e.setCell("S", 3, 1, "=NOSUCHLAMBDA(3)");
        assertThat(e.getValue("S", 3, 1)).isEqualTo(ErrorValue.NAME);
    }

    @Test
    void mapSpillsAndFollowsItsRange() {
        FormulaEngine e = engine();
        e.setCell("S", 3, 0, "=MAP(A1:C2,LAMBDA(v,v*10))");
        assertThat(e.spillArea("S", 3, 0)).containsExactly(2, 3);
        assertThat(num(e.getValue("S", 4, 2))).isEqualTo(60.0);
        e.setCell("S", 1, 2, 7);
        assertThat(num(e.getValue("S", 4, 2))).isEqualTo(70.0);
        e.setCell("S", 6, 0, "=LAMBDA(n,SEQUENCE(n))(3)");
        assertThat(e.spillArea("S", 6, 0)).containsExactly(3, 1);
        assertThat(num(e.getValue("S", 8, 0))).isEqualTo(3.0);
    }

    @Test
    void formulasPrintAsWrittenAndSurviveStructuralEdits() {
        FormulaEngine e = engine();
        e.setCell("S", 3, 0, "=lambda(x, y, x + y)(A1, B1)");
        assertThat(e.getFormula("S", 3, 0)).isEqualTo("=LAMBDA(x,y,x+y)(A1,B1)");
        assertThat(num(e.getValue("S", 3, 0))).isEqualTo(3.0);
        e.setCell("S", 3, 1, "=LET(f,LAMBDA(x,LAMBDA(y,x*y)),f(A2)(B2))");
        assertThat(num(e.getValue("S", 3, 1))).isEqualTo(20.0);
        e.insertRows("S", 0, 1);
        assertThat(e.getFormula("S", 4, 0)).isEqualTo("=LAMBDA(x,y,x+y)(A2,B2)");
        assertThat(num(e.getValue("S", 4, 0))).isEqualTo(3.0);
        // calls print upper-case
        assertThat(e.getFormula("S", 4, 1)).isEqualTo("=LET(f,LAMBDA(x,LAMBDA(y,x*y)),F(A3)(B3))");
    }

    @Test
    void aLambdaCallingItselfThroughItsNameIsCalcNotAFailedEdit() {
        FormulaEngine e = FormulaEngine.builder()
                .sheet("S", new Object[][] {{null}})
                .name("FACT2", "=LAMBDA(n,IF(n<=1,1,n*FACT2(n-1)))")
                .build();
        e.setCell("S", 0, 0, "=FACT2(3)");
        assertThat(e.getValue("S", 0, 0)).isEqualTo(ErrorValue.CALC);
    }
}
