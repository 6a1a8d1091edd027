package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuralEditTest {

    private static Value num(double d) {
        return NumberValue.of(d);
    }

    private static FormulaEngine twoSheets() {
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("Data", new Object[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}});
        sheets.put("Report", new Object[][] {{"=SUM(Data!A1:A4)", "=Data!B3", "=Data!A4*2", "=SUM(Data!A:A)"}});
        return FormulaEngine.of(sheets);
    }

    @Test
    void insertRowsShiftsReferencesAndWidensRanges() {
        FormulaEngine e = twoSheets();
        ChangeSet ch = e.insertRows("Data", 1, 2);
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM(Data!A1:A6)");
        assertThat(e.getFormula("Report", 0, 1)).isEqualTo("=Data!B5");
        assertThat(e.getFormula("Report", 0, 3)).isEqualTo("=SUM(Data!A:A)");
        assertThat(e.getValue("Data", 4, 1)).isEqualTo(num(30));
        assertThat(e.getValue("Report", 0, 1)).isEqualTo(num(30));
        assertThat(ch.cells()).contains(new CellAddress("Data", 1, 0), new CellAddress("Data", 5, 0));
        e.setCell("Data", 1, 0, 100);
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(num(110));
        assertThat(e.getValue("Report", 0, 3)).isEqualTo(num(110));
    }

    @Test
    void insertingAtTheFirstRowMovesTheWholeRange() {
        FormulaEngine e = twoSheets();
        e.insertRows("Data", 0, 1);
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM(Data!A2:A5)");
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(num(10));
    }

    @Test
    void deleteRowsShrinksRangesAndBreaksReferencesToDeletedCells() {
        FormulaEngine e = twoSheets();
        e.deleteRows("Data", 2, 1);
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM(Data!A1:A3)");
        assertThat(e.getFormula("Report", 0, 1)).isEqualTo("=#REF!");
        assertThat(e.getFormula("Report", 0, 2)).isEqualTo("=Data!A3*2");
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(num(7));
        assertThat(e.getValue("Report", 0, 1)).isEqualTo(ErrorValue.REF);
        assertThat(e.getValue("Report", 0, 2)).isEqualTo(num(8));
    }

    @Test
    void deletingAWholeRangeGivesRef() {
        FormulaEngine e = twoSheets();
        e.deleteRows("Data", 0, 4);
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM(#REF!)");
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(ErrorValue.REF);
        assertThat(e.getValue("Report", 0, 3)).isEqualTo(num(0));
    }

    @Test
    void columnsInsertAndDeleteLikeRows() {
        FormulaEngine e = FormulaEngine.of(Map.of("S", new Object[][] {{1, 2, 3, "=SUM(A1:C1)", "=C1"}}));
        e.insertColumns("S", 1, 1);
        assertThat(e.getFormula("S", 0, 4)).isEqualTo("=SUM(A1:D1)");
        assertThat(e.getFormula("S", 0, 5)).isEqualTo("=D1");
        assertThat(e.getValue("S", 0, 4)).isEqualTo(num(6));
        e.deleteColumns("S", 3, 1);
        assertThat(e.getFormula("S", 0, 3)).isEqualTo("=SUM(A1:C1)");
        assertThat(e.getFormula("S", 0, 4)).isEqualTo("=#REF!");
        assertThat(e.getValue("S", 0, 3)).isEqualTo(num(3));
    }

    @Test
    void renameSheetRenamesReferences() {
        FormulaEngine e = twoSheets();
        e.renameSheet("Data", "My Data");
        assertThat(e.sheetNames()).containsExactly("My Data", "Report");
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM('My Data'!A1:A4)");
        e.setCell("My Data", 0, 0, 11);
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(num(20));
    }

    @Test
    void removeSheetBreaksReferencesAndAddSheetResolvesNames() {
        FormulaEngine e = twoSheets();
        e.removeSheet("Data");
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(ErrorValue.REF);
        assertThat(e.getFormula("Report", 0, 1)).isEqualTo("=#REF!");
        e.setCell("Report", 1, 0, "=Later!A1+1");
        assertThat(e.getValue("Report", 1, 0)).isEqualTo(ErrorValue.REF);
        e.addSheet("Later", new Object[][] {{41}});
        assertThat(e.getValue("Report", 1, 0)).isEqualTo(num(42));
    }

    @Test
    void reorderingSheetsKeepsValuesFormulasAndEarlierRevisions() {
        FormulaEngine e = twoSheets();
        Value before = e.getValue("Report", 0, 0);
        long revision = e.revision();
        e.reorderSheets(List.of("report", "Data"));
        assertThat(e.sheetNames()).containsExactly("Report", "Data");
        assertThat(e.getValue("Report", 0, 0)).isEqualTo(before);
        assertThat(e.getFormula("Report", 0, 0)).isEqualTo("=SUM(Data!A1:A4)");
        e.setCell("Data", 0, 0, 100);
        assertThat(e.getValue("Report", 0, 0)).isNotEqualTo(before);
        assertThat(e.getValue(revision, "Report", 0, 0)).isEqualTo(before);
        assertThatThrownBy(() -> e.reorderSheets(List.of("Report"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.reorderSheets(List.of("Report", "Report")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moveRangeCarriesReferencesAlongAndBreaksOverwrittenOnes() {
        FormulaEngine e = FormulaEngine.of(Map.of(
                "S", new Object[][] {{1, 2, null, 9}, {3, 4, null, null}, {"=SUM(A1:B2)", "=A1", "=D1", "=A1+B2"}}));
        e.moveRange("S", 0, 0, 1, 1, "S", 0, 3);
        assertThat(e.getFormula("S", 2, 0)).isEqualTo("=SUM(D1:E2)");
        assertThat(e.getFormula("S", 2, 1)).isEqualTo("=D1");
        assertThat(e.getFormula("S", 2, 2)).isEqualTo("=#REF!");
        assertThat(e.getValue("S", 2, 0)).isEqualTo(num(10));
        assertThat(e.getValue("S", 0, 3)).isEqualTo(num(1));
        assertThat(e.getValue("S", 0, 0)).isEqualTo(Value.empty());
    }

    @Test
    void moveToAnotherSheetQualifiesReferences() {
        Map<String, Object[][]> sheets = new LinkedHashMap<>();
        sheets.put("A", new Object[][] {{1, "=A1*2", 5}});
        sheets.put("B", new Object[][] {{null}});
        FormulaEngine e = FormulaEngine.of(sheets);
        e.moveRange("A", 0, 1, 0, 1, "B", 3, 3);
        assertThat(e.getFormula("B", 3, 3)).isEqualTo("='A'!A1*2");
        assertThat(e.getValue("B", 3, 3)).isEqualTo(num(2));
    }

    @Test
    void revisionsBeforeAStructuralEditStayReadable() {
        FormulaEngine e = twoSheets();
        e.setCell("Data", 0, 0, 5);
        e.insertRows("Data", 0, 1);
        e.setCell("Data", 0, 0, 100);
        assertThat(e.revision()).isEqualTo(3);
        assertThat(e.getValue(0, "Report", 0, 0)).isEqualTo(num(10));
        assertThat(e.getValue(1, "Report", 0, 0)).isEqualTo(num(14));
        assertThat(e.getValue(1, "Data", 0, 0)).isEqualTo(num(5));
        assertThat(e.getValue(2, "Data", 1, 0)).isEqualTo(num(5));
        assertThat(e.getValue(2, "Data", 0, 0)).isEqualTo(Value.empty());
        assertThat(e.getValue(3, "Data", 0, 0)).isEqualTo(num(100));
        assertThat(e.getFormula(1, "Report", 0, 0)).isEqualTo("=SUM(Data!A1:A4)");
        assertThat(e.getFormula(2, "Report", 0, 0)).isEqualTo("=SUM(Data!A2:A5)");
    }
}
