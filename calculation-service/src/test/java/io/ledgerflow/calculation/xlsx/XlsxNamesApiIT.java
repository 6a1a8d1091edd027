package io.ledgerflow.calculation.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A file's defined names (workbook and sheet-scoped) and its 1904 date system, kept as they are. */
@IntegrationTest
class XlsxNamesApiIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void namesAndThe1904DateSystemComeInWorkAndGoOutAgain() throws Exception {
        String workbooks = "http://localhost:" + port + "/api/calc/workspaces/ws-"
                + UUID.randomUUID().toString().substring(0, 8) + "/workbooks";
        HttpResponse<String> imported = send(request(workbooks + "/import?name=Mac")
                .header("Content-Type", XLSX)
                .POST(HttpRequest.BodyPublishers.ofByteArray(macLedger())));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(imported.body());
        String workbook = workbooks + "/" + answer.get("id").asString();
        assertThat(answer.get("dateSystem").asInt()).isEqualTo(1904);
        assertThat(answer.get("namesNotImported").get(0).get("name").asString()).isEqualTo("Gone");
        assertThat(answer.get("namesNotImported").get(0).get("reason").asString())
                .contains("#REF!");
        assertThat(answer.get("notComputed").get("cells").get(0).get("cell").asString())
                .isEqualTo("Rates!C1");

        JsonNode read = JSON.readTree(send(request(workbook)).body());
        assertThat(read.get("dateSystem").asInt()).isEqualTo(1904);
        assertThat(names(read.get("names"))).containsExactly("Rate@null=Rates!$A$1", "Rate@Q1 Sales=Rates!$B$1");

        // the sheet's Rate in Q1 Sales, the workbook's in Q2; dates count from 1904
        assertThat(value(workbook, "'Q1%20Sales'!A1:C1", 0)).isEqualTo(10.0);
        assertThat(value(workbook, "'Q1%20Sales'!A1:C1", 1)).isEqualTo(2024.0);
        assertThat(value(workbook, "'Q1%20Sales'!A1:C1", 2)).isEqualTo(43904.0);
        assertThat(value(workbook, "Q2!A1", 0)).isEqualTo(20.0);

        HttpResponse<String> edit = send(request(workbook + "/cells/Rates!B1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":0.5}")));
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        assertThat(value(workbook, "'Q1%20Sales'!A1", 0)).isEqualTo(50.0);
        JsonNode dependents =
                JSON.readTree(send(request(workbook + "/cells/Rates!B1/dependencies?direction=dependents"))
                        .body());
        assertThat(dependents.get("cells").get(0).get("ref").asString()).isEqualTo("'Q1 Sales'!A1");

        HttpResponse<byte[]> exported =
                CLIENT.send(request(workbook + "/export?format=xlsx").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(exported.statusCode()).isEqualTo(200);
        try (XSSFWorkbook file = new XSSFWorkbook(new ByteArrayInputStream(exported.body()))) {
            assertThat(file.isDate1904()).isTrue();
            assertThat(file.getSheet("Q1 Sales").getRow(0).getCell(3).getNumericCellValue())
                    .isEqualTo(43904.0);
            assertThat(file.getAllNames())
                    .extracting(n -> n.getNameName() + "@" + n.getSheetIndex() + "=" + n.getRefersToFormula())
                    .containsExactlyInAnyOrder("Rate@-1=Rates!$A$1", "Rate@1=Rates!$B$1");
        }
        JsonNode json =
                JSON.readTree(send(request(workbook + "/export?format=json")).body());
        assertThat(json.get("dateSystem").asInt()).isEqualTo(1904);
        assertThat(names(json.get("names"))).hasSize(2);
    }

    /**
     * A workbook saved on a Mac in the 1904 date system, with a workbook name, a sheet's, a broken one
     * and one of Excel's own.
     */
    static byte[] macLedger() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            (wb.getCTWorkbook().isSetWorkbookPr()
                            ? wb.getCTWorkbook().getWorkbookPr()
                            : wb.getCTWorkbook().addNewWorkbookPr())
                    .setDate1904(true);
            Row rates = wb.createSheet("Rates").createRow(0);
            rates.createCell(0).setCellValue(0.2);
            rates.createCell(1).setCellValue(0.1);
            Row q1 = wb.createSheet("Q1 Sales").createRow(0);
            Row q2 = wb.createSheet("Q2").createRow(0);
            XSSFName rate = wb.createName();
            rate.setNameName("Rate");
            rate.setRefersToFormula("Rates!$A$1");
            XSSFName local = wb.createName();
            local.setSheetIndex(1);
            local.setNameName("Rate");
            local.setRefersToFormula("Rates!$B$1");
            XSSFName gone = wb.createName();
            gone.setNameName("Gone");
            gone.setRefersToFormula("#REF!");
            XSSFName print = wb.createName();
            print.setNameName("_xlnm.Print_Area");
            print.setSheetIndex(0);
            print.setRefersToFormula("Rates!$A$1:$B$1");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            q1.createCell(0).setCellFormula("100*Rate");
            q1.createCell(1).setCellFormula("YEAR(D1)");
            q1.createCell(2).setCellFormula("DATE(2024,3,15)");
            q1.createCell(3).setCellValue(java.time.LocalDate.of(2024, 3, 15)); // a 1904 serial: 43904
            q1.getCell(3).setCellStyle(date);
            q2.createCell(0).setCellFormula("100*Rate");
            // a function POI does not know either: the formula as the file stores it
            ((XSSFCell) rates.createCell(2)).getCTCell().addNewF().setStringValue("Rate+NOSUCHFUNCTION(1)");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static List<String> names(JsonNode names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.get("name").asString() + "@"
                + (n.get("sheet") == null || n.get("sheet").isNull()
                        ? "null"
                        : n.get("sheet").asString()) + "="
                + n.get("formula").asString().substring(1)));
        return out;
    }

    private static double value(String workbook, String range, int index) throws Exception {
        JsonNode read =
                JSON.readTree(send(request(workbook + "/cells/" + range)).body());
        return read.get("cells").get(index).get("value").get("value").asDouble();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a bearer token for the URL's workspace. */
    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", Tokens.bearerFor(url));
    }
}
