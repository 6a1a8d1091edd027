package io.ledgerflow.calculation.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.calculation.document.DefinedName;
import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.Operation;
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

        byte[] file = xlsx.write(new Operation.Create(sheets), arrays);

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
        Map<String, List<List<Object>>> read = xlsx.read(file).sheets();
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
    void a1904WorkbookKeepsItsSerialsAndItsDateSystemBothWays() throws Exception {
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
            row.createCell(1).setCellFormula("YEAR(A1)");
            row.createCell(2).setCellFormula("DATE(2024,3,15)");
            assertThat(d.getNumericCellValue()).isEqualTo(45366.0 - 1462);
            wb.write(out);
            file = out.toByteArray();
        }
        Operation.Create read = xlsx.read(file).contents();
        assertThat(read.in1904()).isTrue();
        assertThat(read.sheets().get("S").get(0)).containsExactly(43904.0, "=YEAR(A1)", "=DATE(2024,3,15)");
        LoadedWorkbook loaded = LoadedWorkbook.create(read);
        assertThat(loaded.value(1, "S", 0, 1).toJava()).isEqualTo(2024.0);
        assertThat(loaded.value(1, "S", 0, 2).toJava()).isEqualTo(43904.0); // the file's own serial

        try (XSSFWorkbook again =
                new XSSFWorkbook(new ByteArrayInputStream(xlsx.write(loaded.snapshot(1), Map.of())))) {
            assertThat(again.isDate1904()).isTrue();
            assertThat(again.getSheet("S").getRow(0).getCell(0).getNumericCellValue())
                    .isEqualTo(43904.0);
        }
        try (XSSFWorkbook plain = new XSSFWorkbook(new ByteArrayInputStream(xlsx.write(read.sheets())))) {
            assertThat(plain.isDate1904()).isFalse();
        }
    }

    @Test
    void definedNamesOfTheWorkbookAndOfASheetGoInAndOut() throws Exception {
        byte[] file = XlsxNamesApiIT.macLedger();
        XlsxFiles.Imported imported = xlsx.read(file);
        assertThat(imported.contents().definedNames())
                .containsExactly(
                        new DefinedName("Rate", null, "=Rates!$A$1"),
                        new DefinedName("Rate", "Q1 Sales", "=Rates!$B$1"));
        assertThat(imported.skippedNames()).extracting(XlsxNames.Skipped::name).containsExactly("Gone");
        LoadedWorkbook loaded = LoadedWorkbook.create(imported.contents());
        assertThat(loaded.value(1, "Q1 Sales", 0, 0).toJava()).isEqualTo(10.0); // the sheet's own Rate
        assertThat(loaded.value(1, "Q2", 0, 0).toJava()).isEqualTo(20.0); // the workbook's
        assertThat(loaded.dependents(1, "Rates", 0, 1)).containsExactly(new int[] {1, 0, 0});

        try (XSSFWorkbook again =
                new XSSFWorkbook(new ByteArrayInputStream(xlsx.write(loaded.snapshot(1), Map.of())))) {
            assertThat(again.getAllNames())
                    .extracting(n -> n.getNameName() + "@" + n.getSheetIndex() + "=" + n.getRefersToFormula())
                    .containsExactlyInAnyOrder("Rate@-1=Rates!$A$1", "Rate@1=Rates!$B$1");
        }
    }

    @Test
    void aNameWhoseFormulaPoiCannotParseIsWrittenAsItsText() throws Exception {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("S", List.of(row(2.0, "=ADDVAT(A1)")));
        Operation.Create contents =
                new Operation.Create(sheets, List.of(new DefinedName("ADDVAT", null, "=LAMBDA(x,x*1.2)")), null);
        LoadedWorkbook loaded = LoadedWorkbook.create(contents);
        assertThat(loaded.value(1, "S", 0, 1).toJava()).isEqualTo(2.4);

        Operation.Create back =
                xlsx.read(xlsx.write(loaded.snapshot(1), Map.of())).contents();
        assertThat(back.definedNames()).hasSize(1);
        assertThat(LoadedWorkbook.create(back).value(1, "S", 0, 1).toJava()).isEqualTo(2.4);
    }

    @Test
    void theImportReportDoesNotListLambdaFormsAsUnknownFunctions() {
        assertThat(ImportReport.reason("=MAP(A1:A3,LAMBDA(x,NOSUCH(x)))", io.ledgerflow.formula.value.ErrorValue.NAME))
                .isEqualTo("functions the engine does not know: NOSUCH");
        assertThat(ImportReport.reason("=LAMBDA(x,x*Rate)(2)", io.ledgerflow.formula.value.ErrorValue.NAME))
                .isEqualTo("a name that is not defined in the workbook");
    }
}
