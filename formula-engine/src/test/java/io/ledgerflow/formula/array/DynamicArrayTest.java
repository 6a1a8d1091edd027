package io.ledgerflow.formula.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.CellAddress;
import io.ledgerflow.formula.ChangeSet;
import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dynamic arrays: spilling, #SPILL!, the # operator, array formulas, and edits around them. */
class DynamicArrayTest {

    private static FormulaEngine engine(Object[][] s) {
        return FormulaEngine.builder().sheet("S", s).parallelism(1).build();
    }

    private static Object v(FormulaEngine e, int r, int c) {
        return e.getValue("S", r, c).toJava();
    }

    @Test
    void sequenceSpillsAndDependentsSeeTheSpilledCells() {
        FormulaEngine e = engine(new Object[][] {{"=SEQUENCE(3,2)", null, "=B3*10"}});
        assertThat(v(e, 0, 0)).isEqualTo(1.0);
        assertThat(v(e, 0, 1)).isEqualTo(2.0);
        assertThat(v(e, 2, 1)).isEqualTo(6.0);
        assertThat(v(e, 0, 2)).isEqualTo(60.0);
        assertThat(e.spillArea("S", 0, 0)).containsExactly(3, 2);
        assertThat(e.isSpilled("S", 2, 1)).isTrue();
        assertThat(e.getContent("S", 2, 1)).isNull();
        assertThat(e.getFormula("S", 0, 0)).isEqualTo("=SEQUENCE(3,2)");

        ChangeSet ch = e.setCell("S", 0, 0, "=SEQUENCE(3,2,10)");
        assertThat(v(e, 2, 1)).isEqualTo(15.0);
        assertThat(v(e, 0, 2)).isEqualTo(150.0);
        assertThat(ch.cells()).contains(new CellAddress("S", 2, 1), new CellAddress("S", 0, 2));
    }

    @Test
    void blockedSpillIsSpillErrorUntilTheBlockerIsCleared() {
        FormulaEngine e = engine(new Object[][] {{"=SEQUENCE(3)", "=SUM(A1#)"}, {null}, {"x"}});
        assertThat(v(e, 0, 0)).isEqualTo(ErrorValue.SPILL);
        assertThat(v(e, 0, 1)).isEqualTo(ErrorValue.REF);
        assertThat(v(e, 1, 0)).isNull();
        e.setCell("S", 2, 0, null);
        assertThat(v(e, 0, 0)).isEqualTo(1.0);
        assertThat(v(e, 2, 0)).isEqualTo(3.0);
        assertThat(v(e, 0, 1)).isEqualTo(6.0);
        // typing into the spill area blocks it again
        ChangeSet ch = e.setCell("S", 1, 0, 7);
        assertThat(v(e, 0, 0)).isEqualTo(ErrorValue.SPILL);
        assertThat(v(e, 1, 0)).isEqualTo(7.0);
        assertThat(v(e, 2, 0)).isNull();
        assertThat(ch.cells()).contains(new CellAddress("S", 0, 0), new CellAddress("S", 2, 0));
    }

    @Test
    void spillRangeOperatorFollowsTheArraysSize() {
        FormulaEngine e = engine(new Object[][] {{3, "=SEQUENCE(A1)", "=SUM(B1#)", "=ROWS(B1#)"}});
        assertThat(v(e, 0, 2)).isEqualTo(6.0);
        assertThat(v(e, 0, 3)).isEqualTo(3.0);
        e.setCell("S", 0, 0, 5);
        assertThat(v(e, 0, 2)).isEqualTo(15.0);
        assertThat(v(e, 0, 3)).isEqualTo(5.0);
        assertThat(v(e, 4, 1)).isEqualTo(5.0);
        e.setCell("S", 0, 0, 2);
        assertThat(v(e, 0, 2)).isEqualTo(3.0);
        assertThat(v(e, 4, 1)).isNull();
        assertThat(v(e, 2, 1)).isNull();
    }

    @Test
    void spilledCellsFeedRangesAndCellReferences() {
        FormulaEngine e = engine(new Object[][] {{2, "=SEQUENCE(4,1,A1)", "=SUM(B1:B10)", "=B4"}});
        assertThat(v(e, 0, 2)).isEqualTo(2.0 + 3 + 4 + 5);
        assertThat(v(e, 0, 3)).isEqualTo(5.0);
        e.setCell("S", 0, 0, 10);
        assertThat(v(e, 0, 2)).isEqualTo(10.0 + 11 + 12 + 13);
        assertThat(v(e, 0, 3)).isEqualTo(13.0);
    }

    @Test
    void filterSortUniqueOverAConditionEvaluatedAsAnArray() {
        Object[][] s = {
            {"north", 5, "=FILTER(A1:A5,B1:B5>3)", "=SORT(B1:B5,1,-1)", "=UNIQUE(A1:A5)", "=SORTBY(A1:A5,B1:B5)"},
            {"south", 1},
            {"north", 7},
            {"east", 2},
            {"south", 9}
        };
        FormulaEngine e = engine(s);
        assertThat(new Object[] {v(e, 0, 2), v(e, 1, 2), v(e, 2, 2), v(e, 3, 2)})
                .containsExactly("north", "north", "south", null);
        assertThat(new Object[] {v(e, 0, 3), v(e, 1, 3), v(e, 4, 3)}).containsExactly(9.0, 7.0, 1.0);
        assertThat(new Object[] {v(e, 0, 4), v(e, 1, 4), v(e, 2, 4), v(e, 3, 4)})
                .containsExactly("north", "south", "east", null);
        assertThat(new Object[] {v(e, 0, 5), v(e, 4, 5)}).containsExactly("south", "south");
        e.setCell("S", 1, 1, 4);
        assertThat(new Object[] {v(e, 0, 2), v(e, 1, 2), v(e, 2, 2), v(e, 3, 2)})
                .containsExactly("north", "south", "north", "south");
    }

    @Test
    void arrayFormulasEvaluateOperatorsAndScalarFunctionsElementByElement() {
        Object[][] s = {
            {1, 10, "{=SUM(IF(A1:A3>1,B1:B3))}", "{=A1:A3*B1:B3}", "=SUMPRODUCT((A1:A3>1)*B1:B3)"},
            {2, 20},
            {3, 30}
        };
        FormulaEngine e = engine(s);
        assertThat(v(e, 0, 2)).isEqualTo(50.0);
        assertThat(new Object[] {v(e, 0, 3), v(e, 1, 3), v(e, 2, 3)}).containsExactly(10.0, 40.0, 90.0);
        assertThat(v(e, 0, 4)).isEqualTo(50.0);
        assertThat(e.getFormula("S", 0, 3)).isEqualTo("{=A1:A3*B1:B3}");
        assertThat(e.getContent("S", 1, 3)).isNull();
        e.setCell("S", 0, 0, 5);
        assertThat(v(e, 0, 2)).isEqualTo(60.0);
        assertThat(v(e, 0, 3)).isEqualTo(50.0);
    }

    @Test
    void xlookupReturnsARowThatSpills() {
        Object[][] s = {{"a", 1, 2}, {"b", 3, 4}, {"=XLOOKUP(\"b\",A1:A2,B1:C2)"}};
        FormulaEngine e = engine(s);
        assertThat(new Object[] {v(e, 2, 0), v(e, 2, 1)}).containsExactly(3.0, 4.0);
    }

    @Test
    void fileSpellingsOfSpillReferencesParse() {
        FormulaEngine e = engine(new Object[][] {{"=_xlfn.SEQUENCE(2)", "=SUM(_xlfn.ANCHORARRAY(A1))"}});
        assertThat(v(e, 0, 1)).isEqualTo(3.0);
        assertThat(e.getFormula("S", 0, 1)).isEqualTo("=SUM(A1#)");
    }

    @Test
    void structuralEditsMoveSpillsWithTheirFormulas() {
        FormulaEngine e = engine(new Object[][] {{"=SEQUENCE(2)", "=SUM(A1#)"}});
        e.insertRows("S", 0, 1);
        assertThat(v(e, 1, 0)).isEqualTo(1.0);
        assertThat(v(e, 2, 0)).isEqualTo(2.0);
        assertThat(v(e, 1, 1)).isEqualTo(3.0);
        assertThat(e.getFormula("S", 1, 1)).isEqualTo("=SUM(A2#)");
        assertThat(e.getContent("S", 2, 0)).isNull();
    }

    @Test
    void replacingTheAnchorClearsItsSpill() {
        FormulaEngine e = engine(new Object[][] {{"=SEQUENCE(3)"}});
        e.setCell("S", 0, 0, 1);
        assertThat(v(e, 1, 0)).isNull();
        assertThat(v(e, 2, 0)).isNull();
        assertThat(e.spillArea("S", 0, 0)).isNull();
    }

    @Test
    void incrementalEqualsFreshOverRandomEditsOfSpillSizesAndBlockers() {
        Random rnd = new Random(12);
        Object[][] s = {{2, "=SEQUENCE(A1)", "=SUM(B1#)", "=FILTER(B1:B8,B1:B8>1,0)", "=SUM(D1:D8)"}};
        FormulaEngine e = engine(s);
        for (int i = 0; i < 200; i++) {
            switch (rnd.nextInt(3)) {
                case 0 -> e.setCell("S", 0, 0, rnd.nextInt(7));
                case 1 -> e.setCell("S", 1 + rnd.nextInt(6), 1, rnd.nextBoolean() ? null : 9);
                default -> e.setCell("S", 1 + rnd.nextInt(6), 3, rnd.nextBoolean() ? null : "x");
            }
            Object[][] contents = new Object[10][5];
            for (int r = 0; r < 10; r++) {
                for (int c = 0; c < 5; c++) {
                    contents[r][c] = e.getContent("S", r, c);
                }
            }
            FormulaEngine fresh = engine(contents);
            for (int r = 0; r < 10; r++) {
                for (int c = 0; c < 5; c++) {
                    Value a = e.getValue("S", r, c);
                    assertThat(a).as("step %d at %d,%d", i, r, c).isEqualTo(fresh.getValue("S", r, c));
                }
            }
        }
    }
}
