package io.ledgerflow.calculation.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.value.NumberValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadedWorkbookTest {

    private static LoadedWorkbook workbook() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("Sheet1", List.of(Arrays.asList(10, 20, "=A1+B1")));
        return LoadedWorkbook.create(new Operation.Create(sheets));
    }

    @Test
    void revisionOneHoldsTheImportedContentsComputed() {
        LoadedWorkbook workbook = workbook();

        assertThat(workbook.revision()).isEqualTo(1);
        assertThat(workbook.value(1, "Sheet1", 0, 2)).isEqualTo(NumberValue.of(30));
        assertThat(workbook.formula(1, "Sheet1", 0, 2)).isEqualTo("=A1+B1");
        assertThat(workbook.content(1, "Sheet1", 0, 0)).isEqualTo(10.0);
    }

    @Test
    void everyRevisionStaysReadableAfterLaterEdits() {
        LoadedWorkbook workbook = workbook();
        workbook.apply(new Operation.SetCells(List.of(new Operation.CellEdit("Sheet1", 0, 0, 100))));
        workbook.apply(new Operation.Delete());
        workbook.apply(new Operation.SetCells(List.of(new Operation.CellEdit("Sheet1", 0, 2, "=A1*2"))));

        assertThat(workbook.revision()).isEqualTo(4);
        assertThat(workbook.value(1, "Sheet1", 0, 2)).isEqualTo(NumberValue.of(30));
        assertThat(workbook.value(2, "Sheet1", 0, 2)).isEqualTo(NumberValue.of(120));
        assertThat(workbook.value(3, "Sheet1", 0, 2)).isEqualTo(NumberValue.of(120));
        assertThat(workbook.value(4, "Sheet1", 0, 2)).isEqualTo(NumberValue.of(200));
        assertThat(workbook.formula(3, "Sheet1", 0, 2)).isEqualTo("=A1+B1");
        assertThat(workbook.formula(4, "Sheet1", 0, 2)).isEqualTo("=A1*2");
    }

    @Test
    void aCalledLambdasArgumentsAndArrayFormulasAreReferencesToo() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put(
                "Sheet1",
                List.of(
                        Arrays.asList(2, "=LAMBDA(x,x*10)(A1)", "{=SUM(A2:A3*2)}"),
                        Arrays.asList(1, "=SEQUENCE(2)"),
                        Arrays.asList(4, null, "=SUM(B2#)")));
        LoadedWorkbook workbook = LoadedWorkbook.create(new Operation.Create(sheets));

        assertThat(workbook.dependents(1, "Sheet1", 0, 0)).containsExactly(new int[] {0, 0, 1});
        assertThat(workbook.dependents(1, "Sheet1", 2, 0)).containsExactly(new int[] {0, 0, 2});
        assertThat(workbook.dependents(1, "Sheet1", 1, 1)).containsExactly(new int[] {0, 2, 2});
        assertThat(workbook.precedents(1, "Sheet1", 0, 1))
                .containsExactly(new LoadedWorkbook.Reference("Sheet1", 0, 0, 0, 0));
    }
}
