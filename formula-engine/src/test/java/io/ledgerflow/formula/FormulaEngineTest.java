package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.formula.parse.ParseException;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaEngineTest {

    static FormulaEngine engine(Object[][] sheet1) {
        return FormulaEngine.builder()
                .sheet("Sheet1", sheet1)
                .today(LocalDate.of(2024, 5, 17))
                .build();
    }

    static Value num(double d) {
        return NumberValue.of(d);
    }

    @Test
    void evaluatesOnLoadAndRecalculatesOnEdit() {
        FormulaEngine e = engine(new Object[][] {{1, "=A1+1", "=B1*2"}});
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(4));
        ChangeSet ch = e.setCell("Sheet1", 0, 0, 10);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(22));
        assertThat(ch.cells())
                .containsExactlyInAnyOrder(
                        new CellAddress("Sheet1", 0, 0),
                        new CellAddress("Sheet1", 0, 1),
                        new CellAddress("Sheet1", 0, 2));
        assertThat(ch.revision()).isEqualTo(1);
    }

    @Test
    void changeSetOmitsCellsWhoseValueDidNotChange() {
        FormulaEngine e = engine(new Object[][] {{1, "=IF(A1>0,1,0)", "=B1+1"}});
        ChangeSet ch = e.setCell("Sheet1", 0, 0, 5);
        assertThat(ch.cells()).containsExactly(new CellAddress("Sheet1", 0, 0));
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(2));
    }

    @Test
    void readsFormulasInCanonicalForm() {
        FormulaEngine e = engine(new Object[][] {{1, "=sum( a1 , 2 )"}});
        assertThat(e.getFormula("Sheet1", 0, 1)).isEqualTo("=SUM(A1,2)");
        assertThat(e.getFormula("Sheet1", 0, 0)).isNull();
        assertThat(e.getContent("Sheet1", 0, 0)).isEqualTo(1.0);
    }

    @Test
    void crossSheetReferencesAndQuotedNames() {
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("My Sheet", new Object[][] {{2, 3}});
        sheets.put("Rates", new Object[][] {{"=SUM('My Sheet'!A1:B1)", "='my sheet'!A1*10"}});
        FormulaEngine e = FormulaEngine.of(sheets);
        assertThat(e.getValue("Rates", 0, 0)).isEqualTo(num(5));
        assertThat(e.getValue("Rates", 0, 1)).isEqualTo(num(20));
        e.setCell("My Sheet", 0, 0, 7);
        assertThat(e.getValue("Rates", 0, 0)).isEqualTo(num(10));
        assertThat(e.getFormula("Rates", 0, 0)).isEqualTo("=SUM('My Sheet'!A1:B1)");
    }

    @Test
    void wholeColumnAndRowRangesSeeNewCells() {
        FormulaEngine e = engine(new Object[][] {{1, "=SUM(A:A)", "=SUM(3:3)"}, {2}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(3));
        e.setCell("Sheet1", 99, 0, 10);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(13));
        e.setCell("Sheet1", 2, 5, 4);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(4));
    }

    @Test
    void namedExpressions() {
        FormulaEngine e = FormulaEngine.builder()
                .sheet("Sheet1", new Object[][] {{100, "=A1*TaxRate", "=Unknown+1"}})
                .sheet("Rates", new Object[][] {{0.25}})
                .name("TaxRate", "=Rates!$A$1")
                .build();
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(25));
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.NAME);
        e.setCell("Rates", 0, 0, 0.5);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(50));
        assertThat(e.getFormula("Sheet1", 0, 1)).isEqualTo("=A1*TaxRate");
    }

    @Test
    void cyclesBecomeCycleErrorAndRecover() {
        FormulaEngine e = engine(new Object[][] {{"=B1+1", "=A1+1", "=A1*2", 5}});
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.CYCLE);
        e.setCell("Sheet1", 0, 1, "=D1");
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(num(6));
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(12));
        e.setCell("Sheet1", 0, 3, "=D1");
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.CYCLE);
        e.setCell("Sheet1", 0, 3, 1);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(4));
    }

    @Test
    void breakingACycleRecoversEveryMemberEvenWhenTheFirstOneKeepsItsErrorValue() {
        // A1 -> B1 -> C1 -> A1 is a cycle; A1 also reads E1, on a cycle of its own with F1
        FormulaEngine e = engine(new Object[][] {{"=C1+E1", "=COUNT(A1)", "=B1", null, "=F1", "=E1"}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(ErrorValue.CYCLE);
        e.setCell("Sheet1", 0, 2, 5); // breaks A1-B1-C1; A1 stays #CYCLE! (from E1), unchanged
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(0)); // COUNT skips the error
    }

    @Test
    void rangeThatContainsItsFormulaIsACycle() {
        FormulaEngine e = engine(new Object[][] {{1}, {2}, {"=SUM(A1:A3)"}, {"=A3+1"}});
        assertThat(e.getValue("Sheet1", 2, 0)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 3, 0)).isEqualTo(ErrorValue.CYCLE);
        e.setCell("Sheet1", 2, 0, "=SUM(A1:A2)");
        assertThat(e.getValue("Sheet1", 3, 0)).isEqualTo(num(4));
    }

    @Test
    void rangeOnACycleOnlyThroughItsLargerRangeStillReportsTheFirstErrorOfItsCells() {
        // A2 reads A1:A3, which is built on A1:A2 (invariant 2): the range node A1:A2 is in the
        // strongly connected component of A2 though C1 is on no cycle. C1 sums A1 (#DIV/0!, first
        // in row-major order) and A2 (#CYCLE!): #DIV/0!, in a full build as after any edit.
        Object[][] cells = {{"=1/0", null, "=SUM(A1:A2)"}, {"=SUM(A1:A3)"}};
        assertThat(engine(cells).getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.DIV0);
        FormulaEngine e = engine(new Object[][] {{"=1/0", null, "=SUM(A1:A2)"}, {5}});
        e.setCell("Sheet1", 1, 0, "=SUM(A1:A3)"); // closes the cycle
        assertThat(e.getValue("Sheet1", 1, 0)).isEqualTo(ErrorValue.CYCLE);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.DIV0);
        e.setCell("Sheet1", 0, 0, "=\"a\"+1"); // another error first in the range
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.VALUE);
        e.setCell("Sheet1", 0, 0, 1); // now the cycle's error is the first
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.CYCLE);
        e.setCell("Sheet1", 1, 0, 2); // breaks the cycle
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(3));
    }

    @Test
    void errorsAreValues() {
        FormulaEngine e = engine(new Object[][] {{0, "=1/A1", "=B1+1", "=IFERROR(C1,-1)", "=\"a\"+1", "=FOO(1)"}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(ErrorValue.DIV0);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(ErrorValue.DIV0);
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(num(-1));
        assertThat(e.getValue("Sheet1", 0, 4)).isEqualTo(ErrorValue.VALUE);
        assertThat(e.getValue("Sheet1", 0, 5)).isEqualTo(ErrorValue.NAME);
    }

    @Test
    void parseErrorsCarryPositionAndLeaveTheWorkbookUnchanged() {
        FormulaEngine e = engine(new Object[][] {{1}});
        assertThatThrownBy(() -> e.setCell("Sheet1", 0, 0, "=1+(2"))
                .isInstanceOfSatisfying(
                        ParseException.class, p -> assertThat(p.position()).isEqualTo(5));
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(num(1));
        assertThat(e.revision()).isZero();
    }

    @Test
    void prefixSumsCostLinearEdges() {
        int n = 2000;
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new Object[] {1, "=SUM(A$1:A" + (i + 1) + ")"};
        }
        FormulaEngine e = engine(rows);
        assertThat(e.getValue("Sheet1", n - 1, 1)).isEqualTo(num(n));
        long[] stats = e.graphStats();
        assertThat(stats[1]).as("edges").isLessThan(4L * n);
        e.setCell("Sheet1", 0, 0, 11);
        assertThat(e.getValue("Sheet1", n - 1, 1)).isEqualTo(num(n + 10));
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(11));
        e.setCell("Sheet1", 999, 0, "x");
        assertThat(e.getValue("Sheet1", n - 1, 1)).isEqualTo(num(n + 9));
        assertThat(e.getValue("Sheet1", 998, 1)).isEqualTo(num(1009));
    }

    @Test
    void sumifMemoFollowsEditsOfBothRanges() {
        FormulaEngine e = engine(new Object[][] {
            {"a", 1, "=SUMIF(A1:A4,\"a\",B1:B4)", "=SUMIF(A1:A4,\"B\",B1:B4)", "=COUNTIF(A1:A4,\"a\")"},
            {"b", 2},
            {"A", 3},
            {"c", 4},
        });
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(4));
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(num(2));
        assertThat(e.getValue("Sheet1", 0, 4)).isEqualTo(num(2));
        e.setCell("Sheet1", 2, 1, 30);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(31));
        e.setCell("Sheet1", 3, 0, "b");
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(num(6));
        e.setCell("Sheet1", 1, 1, "=1/0");
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(ErrorValue.DIV0);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(31));
    }

    @Test
    void revisionsStayReadable() {
        FormulaEngine e = engine(new Object[][] {{1, "=A1*2"}});
        e.setCell("Sheet1", 0, 0, 2);
        e.setCell("Sheet1", 0, 1, "=A1*3");
        e.setCell("Sheet1", 0, 0, 3);
        assertThat(e.revision()).isEqualTo(3);
        assertThat(e.getValue(0, "Sheet1", 0, 1)).isEqualTo(num(2));
        assertThat(e.getValue(1, "Sheet1", 0, 1)).isEqualTo(num(4));
        assertThat(e.getValue(2, "Sheet1", 0, 1)).isEqualTo(num(6));
        assertThat(e.getValue(3, "Sheet1", 0, 1)).isEqualTo(num(9));
        assertThat(e.getFormula(1, "Sheet1", 0, 1)).isEqualTo("=A1*2");
        assertThat(e.getFormula(2, "Sheet1", 0, 1)).isEqualTo("=A1*3");
        assertThat(e.getValue(0, "Sheet1", 5, 5)).isEqualTo(Value.empty());
        assertThat(e.history("Sheet1", 0, 1))
                .extracting(FormulaEngine.HistoryEntry::revision)
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void blockEditsAreOneRevision() {
        FormulaEngine e = engine(new Object[][] {{"=SUM(A2:B3)"}});
        ChangeSet ch = e.setBlock("Sheet1", 1, 0, new Object[][] {{1, 2}, {3, "=A2+B2+A3"}});
        assertThat(ch.revision()).isEqualTo(1);
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(num(12));
        assertThat(ch.size()).isEqualTo(5);
    }

    @Test
    void textComparisonIsCaseInsensitive() {
        FormulaEngine e = engine(new Object[][] {{"abc", "=A1=\"ABC\"", "=\"a\"<\"B\"", "=1<\"a\"", "=\"z\"<TRUE"}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(Value.of(true));
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(Value.of(true));
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(Value.of(true));
        assertThat(e.getValue("Sheet1", 0, 4)).isEqualTo(Value.of(true));
    }

    @Test
    void parallelAndSingleThreadedRecalculationAgree() {
        int n = 60;
        Object[][] grid = new Object[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                grid[r][c] = r == 0 || c == 0
                        ? (Object) (double) (r + c)
                        : "=(" + io.ledgerflow.formula.parse.A1.cellName(r - 1, c) + "+"
                                + io.ledgerflow.formula.parse.A1.cellName(r, c - 1) + ")/2";
            }
        }
        FormulaEngine one =
                FormulaEngine.builder().sheet("S", grid).parallelism(1).build();
        FormulaEngine many =
                FormulaEngine.builder().sheet("S", grid).parallelism(4).build();
        one.setCell("S", 0, 0, 1000);
        many.setCell("S", 0, 0, 1000);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertThat(many.getValue("S", r, c)).isEqualTo(one.getValue("S", r, c));
            }
        }
        assertThat(one.getValue("S", n - 1, n - 1)).isNotEqualTo(Value.empty());
    }

    @Test
    void concatenationFormatsNumbersLikeExcel() {
        FormulaEngine e = engine(new Object[][] {{"=1/4&\"\"", "=0.1+0.2&\"\"", "=10^20&\"\"", "=TRUE&1"}});
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(new TextValue("0.25"));
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(new TextValue("0.3"));
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(new TextValue("1E+20"));
        assertThat(e.getValue("Sheet1", 0, 3)).isEqualTo(new TextValue("TRUE1"));
    }

    @Test
    void namesCanBeDefinedAndRemovedLater() {
        FormulaEngine e = engine(new Object[][] {{2, "=A1*Factor"}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(ErrorValue.NAME);
        ChangeSet ch = e.defineName("Factor", "=10");
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(20));
        assertThat(ch.contains(new CellAddress("Sheet1", 0, 1))).isTrue();
        e.defineName("factor", "=Sheet1!$A$1+1");
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(6));
        e.setCell("Sheet1", 0, 0, 3);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(12));
        e.removeName("FACTOR");
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(ErrorValue.NAME);
        assertThat(e.names()).isEmpty();
    }

    @Test
    void volatileFunctionsRecalculateOnEveryEdit() {
        FormulaEngine e = engine(new Object[][] {{"=TODAY()", "=ROWS(OFFSET(A1,0,0,C1,1))", 3}});
        assertThat(e.getValue("Sheet1", 0, 0)).isEqualTo(num(45429));
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(3));
        e.setCell("Sheet1", 0, 2, 5);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(5));
    }

    @Test
    void fullRecalculationChangesNothingAndUnknownSheetsAreRejected() {
        FormulaEngine e = engine(new Object[][] {{1, "=A1*2", "=SUM(A1:B1)"}});
        ChangeSet ch = e.recalculateAll();
        assertThat(ch.isEmpty()).isTrue();
        assertThat(ch.revision()).isEqualTo(1);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.getValue("Nope", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.setCell("Sheet1", -1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearingALongPrefixChainTopDownReleasesEveryRangeNode() {
        int n = 20_000;
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new Object[] {1, "=SUM(A$1:A" + (i + 1) + ")"};
        }
        FormulaEngine e = engine(rows);
        assertThat(e.graphStats()[2]).isEqualTo(n);
        Object[][] blanks = new Object[n][1];
        e.setBlock("Sheet1", 0, 1, blanks);
        assertThat(e.graphStats()[2]).isZero();
        e.setCell("Sheet1", 0, 2, "=SUM(A1:A" + n + ")");
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(n));
    }

    @Test
    void letBindsNamesPrintsAsWrittenAndFollowsEdits() {
        FormulaEngine e = engine(new Object[][] {{3, "=LET(x,A1*2,total,x+1,total*x)", "=let(r,A1:A3,sum(r))"}, {4}});
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(42));
        assertThat(e.getFormula("Sheet1", 0, 1)).isEqualTo("=LET(x,A1*2,total,x+1,total*x)");
        assertThat(e.getFormula("Sheet1", 0, 2)).isEqualTo("=LET(r,A1:A3,SUM(r))");
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(7));
        e.setCell("Sheet1", 0, 0, 1);
        assertThat(e.getValue("Sheet1", 0, 1)).isEqualTo(num(6));
        e.setCell("Sheet1", 2, 0, 10);
        assertThat(e.getValue("Sheet1", 0, 2)).isEqualTo(num(15));
        e.insertRows("Sheet1", 0, 1);
        assertThat(e.getFormula("Sheet1", 1, 2)).isEqualTo("=LET(r,A2:A4,SUM(r))");
        assertThat(e.getValue("Sheet1", 1, 2)).isEqualTo(num(15));
    }

    @Test
    void threeDimensionalReferencesSpanTheSheetsBetween() {
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("Jan", new Object[][] {{1, 2}, {3, 4}});
        sheets.put("Feb", new Object[][] {{10, 20}, {30, 40}});
        sheets.put("Mar", new Object[][] {{100, 200}, {300, 400}});
        sheets.put("Summary", new Object[][] {
            {
                "=SUM(Jan:Mar!B2)",
                "=SUM('Jan:Mar'!A1:B2)",
                "=AVERAGE(Jan:Feb!B2)",
                "=Jan:Mar!B2",
                "=SUM(Jan:Nope!B2)",
                "=COUNT(Mar:Jan!A1:A2)"
            }
        });
        FormulaEngine e = FormulaEngine.of(sheets);
        assertThat(e.getValue("Summary", 0, 0)).isEqualTo(num(444));
        assertThat(e.getValue("Summary", 0, 1)).isEqualTo(num(1110));
        assertThat(e.getValue("Summary", 0, 2)).isEqualTo(num(22));
        assertThat(e.getValue("Summary", 0, 3)).isEqualTo(ErrorValue.VALUE);
        assertThat(e.getValue("Summary", 0, 4)).isEqualTo(ErrorValue.REF);
        assertThat(e.getValue("Summary", 0, 5)).isEqualTo(num(6));
        assertThat(e.getFormula("Summary", 0, 0)).isEqualTo("=SUM('Jan:Mar'!B2)");
        e.setCell("Feb", 1, 1, 50);
        assertThat(e.getValue("Summary", 0, 0)).isEqualTo(num(454));
        assertThat(e.getValue("Summary", 0, 2)).isEqualTo(num(27));
    }

    @Test
    void aSheetScopedNameShadowsTheWorkbookNameOnItsSheetAndFollowsTheSheet() {
        FormulaEngine e = FormulaEngine.builder()
                .sheet("Q1", new Object[][] {{"=Rate*100"}})
                .sheet("Q2", new Object[][] {{"=Rate*100"}})
                .sheet("My Q3", new Object[][] {{"=Rate*100"}})
                .name("Rate", "=0.1")
                .name("Q1!Rate", "=0.2")
                .name("'My Q3'!rate", "=0.3")
                .build();
        assertThat(e.getValue("Q1", 0, 0)).isEqualTo(num(20));
        assertThat(e.getValue("Q2", 0, 0)).isEqualTo(num(10));
        assertThat(e.getValue("My Q3", 0, 0)).isEqualTo(num(30));
        e.defineName("Q2!RATE", "=0.25");
        assertThat(e.getValue("Q2", 0, 0)).isEqualTo(num(25));
        assertThat(e.getValue("Q1", 0, 0)).isEqualTo(num(20));
        e.renameSheet("Q1", "First Quarter");
        assertThat(e.getValue("First Quarter", 0, 0)).isEqualTo(num(20));
        assertThat(e.names()).containsKey("'First Quarter'!Rate");
        e.removeSheet("Q2");
        assertThat(e.names()).doesNotContainKey("Q2!RATE");
        e.removeName("'First Quarter'!Rate");
        assertThat(e.getValue("First Quarter", 0, 0)).isEqualTo(num(10));
        assertThatThrownBy(() -> e.defineName("Nowhere!Rate", "=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
