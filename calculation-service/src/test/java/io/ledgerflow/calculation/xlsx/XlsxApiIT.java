package io.ledgerflow.calculation.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real .xlsx files in and out; the engine, not POI, computes the values. */
@IntegrationTest
class XlsxApiIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    String workbooks;

    @BeforeEach
    void workspace() {
        workbooks = "http://localhost:" + port + "/api/calc/workspaces/ws-"
                + UUID.randomUUID().toString().substring(0, 8) + "/workbooks";
    }

    @Test
    void anImportedFileIsComputedByTheEngineAndExportsBackWithItsFormulas() throws Exception {
        HttpResponse<String> imported = upload(budget(), XLSX, "Budget");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String id = JSON.readTree(imported.body()).get("id").asString();

        JsonNode data =
                JSON.readTree(get(workbooks + "/" + id + "/cells/Data!A1:C1").body());
        assertThat(data.get("cells").get(2).get("value").get("value").asDouble())
                .isEqualTo(42.0);
        assertThat(data.get("cells").get(2).get("formula").asString()).isEqualTo("=A1+B1");
        JsonNode quoted = JSON.readTree(
                get(workbooks + "/" + id + "/cells/'My%20Sheet'!A1").body());
        assertThat(quoted.get("cells").get(0).get("value").get("value").asDouble())
                .isEqualTo(84.0);

        HttpResponse<byte[]> exported = CLIENT.send(
                request(workbooks + "/" + id + "/export?format=xlsx").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(exported.statusCode()).isEqualTo(200);
        try (XSSFWorkbook file = new XSSFWorkbook(new ByteArrayInputStream(exported.body()))) {
            assertThat(file.getSheetAt(0).getSheetName()).isEqualTo("Data");
            assertThat(file.getSheetAt(1).getSheetName()).isEqualTo("My Sheet");
            assertThat(file.getSheet("Data").getRow(0).getCell(2).getCellFormula())
                    .isEqualTo("A1+B1");
            assertThat(file.getSheet("Data").getRow(0).getCell(1).getNumericCellValue())
                    .isEqualTo(32.0);
            assertThat(file.getSheet("My Sheet").getRow(0).getCell(0).getCellFormula())
                    .isEqualTo("Data!C1*2");
        }

        JsonNode json =
                JSON.readTree(get(workbooks + "/" + id + "/export?format=json").body());
        assertThat(json.get("sheets").get("Data").get(0).get(2).asString()).isEqualTo("=A1+B1");
    }

    @Test
    void filesThatAreNotUsableXlsxGetClearProblems() throws Exception {
        byte[] garbage = new byte[1000];
        new Random(7).nextBytes(garbage);
        HttpResponse<String> notXlsx = upload(garbage, XLSX, "Garbage");
        assertThat(notXlsx.statusCode()).isEqualTo(422);
        assertThat(notXlsx.body()).contains("not an .xlsx");

        HttpResponse<String> locked = upload(encrypted(budget()), XLSX, "Locked");
        assertThat(locked.statusCode()).isEqualTo(422);
        assertThat(locked.body()).contains("password-protected");

        HttpResponse<String> empty = upload(new byte[0], XLSX, "Empty");
        assertThat(empty.statusCode()).isEqualTo(422);

        HttpResponse<String> tooLarge = upload(new byte[300 * 1024], XLSX, "Huge");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> wrongType = upload(budget(), "text/csv", "Csv");
        assertThat(wrongType.statusCode()).isEqualTo(415);

        JsonNode list = JSON.readTree(get(workbooks).body());
        assertThat(list.get("total").asLong())
                .as("no failed upload created a workbook")
                .isZero();
    }

    private HttpResponse<String> upload(byte[] file, String contentType, String name) throws Exception {
        return CLIENT.send(
                request(workbooks + "/import?name=" + name)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a bearer token for the URL's workspace. */
    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", Tokens.bearerFor(url));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(request(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] budget() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet data = workbook.createSheet("Data");
            Row row = data.createRow(0);
            row.createCell(0).setCellValue(10);
            row.createCell(1).setCellValue(32);
            row.createCell(2).setCellFormula("A1+B1");
            workbook.createSheet("My Sheet").createRow(0).createCell(0).setCellFormula("Data!C1*2");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void arrayFormulasSpillAndExportOverTheirAreasAndWhatCannotBeComputedIsReportedPerCell() throws Exception {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = workbook.createSheet("S");
            for (int r = 0; r < 3; r++) {
                Row row = s.createRow(r);
                row.createCell(0).setCellValue(r + 1);
                row.createCell(1).setCellValue(10 * (r + 1));
            }
            s.setArrayFormula("A1:A3*B1:B3", org.apache.poi.ss.util.CellRangeAddress.valueOf("C1:C3"));
            s.getRow(0).createCell(3).setCellFormula("NOSUCHFUNCTION(A1)+1");
            workbook.write(out);
            file = out.toByteArray();
        }
        HttpResponse<String> imported = upload(file, XLSX, "Arrays");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(imported.body());
        String id = body.get("id").asString();
        JsonNode report = body.get("notComputed");
        assertThat(report.get("total").asInt()).isEqualTo(1);
        assertThat(report.get("cells").get(0).get("cell").asString()).isEqualTo("S!D1");
        assertThat(report.get("cells").get(0).get("error").asString()).isEqualTo("#NAME?");
        assertThat(report.get("cells").get(0).get("reason").asString()).contains("NOSUCHFUNCTION");

        JsonNode cells = JSON.readTree(
                        get(workbooks + "/" + id + "/cells/S!C1:C3").body())
                .get("cells");
        assertThat(cells.get(2).get("value").get("value").asDouble()).isEqualTo(90.0);
        assertThat(cells.get(0).get("formula").asString()).isEqualTo("{=A1:A3*B1:B3}");

        HttpResponse<byte[]> exported = CLIENT.send(
                request(workbooks + "/" + id + "/export?format=xlsx").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(exported.statusCode()).isEqualTo(200);
        try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(exported.body()))) {
            org.apache.poi.ss.usermodel.Cell anchor =
                    back.getSheet("S").getRow(0).getCell(2);
            assertThat(anchor.isPartOfArrayFormulaGroup()).isTrue();
            assertThat(anchor.getArrayFormulaRange().formatAsString()).isEqualTo("C1:C3");
        }
    }

    private static byte[] encrypted(byte[] xlsx) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(xlsx);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }
}
