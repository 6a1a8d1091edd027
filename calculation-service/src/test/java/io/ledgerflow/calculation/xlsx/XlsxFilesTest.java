package io.ledgerflow.calculation.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.FormulaEngine;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Array formulas and dynamic arrays through .xlsx files, without the service around them. */
class XlsxFilesTest {

    private final XlsxFiles xlsx = new XlsxFiles();

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    @Test
    void arrayFormulasAndSpillingFormulasAreWrittenOverTheirAreasAndReadBackAsAnchors() throws Exception {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put(
                "S",
                List.of(
                        row(1.0, 10.0, "{=A1:A3*B1:B3}", "=_xlfn.SEQUENCE(2)", "=SUM(D1#)"),
                        row(2.0, 20.0),
                        row(3.0, 30.0)));
        Map<String, Map<Long, int[]>> arrays = Map.of("S", Map.of(2L, new int[] {3, 1}, 3L, new int[] {2, 1}));

        byte[] file = xlsx.write(sheets, arrays);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Cell c1 = wb.getSheet("S").getRow(0).getCell(2);
            assertThat(c1.isPartOfArrayFormulaGroup()).isTrue();
            assertThat(c1.getArrayFormulaRange().formatAsString()).isEqualTo("C1:C3");
            assertThat(wb.getSheet("S")
                            .getRow(0)
                            .getCell(3)
                            .getArrayFormulaRange()
                            .formatAsString())
                    .isEqualTo("D1:D2");
            assertThat(wb.getSheet("S").getRow(0).getCell(4).getCellFormula()).isEqualTo("SUM(_xlfn.ANCHORARRAY(D1))");
        }
        Map<String, List<List<Object>>> read = xlsx.read(file);
        assertThat(read.get("S").get(0))
                .containsExactly(1.0, 10.0, "{=A1:A3*B1:B3}", "{=_xlfn.SEQUENCE(2)}", "=SUM(_xlfn.ANCHORARRAY(D1))");
        assertThat(read.get("S").get(1).subList(2, 4)).containsOnlyNulls();

        // the engine takes what was read: the spills come back with the same values
        Object[][] contents = read.get("S").stream().map(List::toArray).toArray(Object[][]::new);
        FormulaEngine engine = FormulaEngine.builder().sheet("S", contents).build();
        assertThat(engine.getValue("S", 2, 2).toJava()).isEqualTo(90.0);
        assertThat(engine.getValue("S", 1, 3).toJava()).isEqualTo(2.0);
        assertThat(engine.getValue("S", 0, 4).toJava()).isEqualTo(3.0);
    }

    @Test
    void datesOfA1904WorkbookAreReadAsTheSameDatesInThe1900System() throws Exception {
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            var pr = wb.getCTWorkbook().isSetWorkbookPr()
                    ? wb.getCTWorkbook().getWorkbookPr()
                    : wb.getCTWorkbook().addNewWorkbookPr();
            pr.setDate1904(true);
            org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            org.apache.poi.ss.usermodel.Row row = wb.createSheet("S").createRow(0);
            Cell d = row.createCell(0);
            d.setCellValue(java.time.LocalDate.of(2024, 3, 15)); // stored as a 1904 serial
            d.setCellStyle(date);
            row.createCell(1).setCellValue(45366.0); // a plain number stays as it is
            row.createCell(2).setCellFormula("YEAR(A1)");
            assertThat(wb.isDate1904()).isTrue();
            assertThat(d.getNumericCellValue()).isEqualTo(45366.0 - 1462);
            wb.write(out);
            file = out.toByteArray();
        }
        List<Object> read = xlsx.read(file).get("S").get(0);
        assertThat(read).containsExactly(45366.0, 45366.0, "=YEAR(A1)"); // 2024-03-15 in the 1900 system
        FormulaEngine engine = FormulaEngine.builder()
                .sheet("S", new Object[][] {read.toArray()})
                .build();
        assertThat(engine.getValue("S", 0, 2).toJava()).isEqualTo(2024.0);
    }

    @Test
    void theImportReportDoesNotListLambdaFormsAsUnknownFunctions() {
        assertThat(ImportReport.reason("=MAP(A1:A3,LAMBDA(x,NOSUCH(x)))", io.ledgerflow.formula.value.ErrorValue.NAME))
                .isEqualTo("functions the engine does not know: NOSUCH");
        assertThat(ImportReport.reason("=LAMBDA(x,x*Rate)(2)", io.ledgerflow.formula.value.ErrorValue.NAME))
                .isEqualTo("a name that is not defined in the workbook");
    }
}
