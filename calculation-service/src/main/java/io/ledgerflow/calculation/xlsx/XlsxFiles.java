package io.ledgerflow.calculation.xlsx;

import io.ledgerflow.service.problem.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@code .xlsx} files: sheet names, formulas and constants. Apache POI only
 * moves contents in and out; Ledgerflow's engine computes every value.
 */
@Component
public class XlsxFiles {

    /** The contents of each sheet, in order, as rows of contents (formulas start with "="). */
    public Map<String, List<List<Object>>> read(byte[] file) {
        FileMagic magic = magic(file);
        if (magic == FileMagic.OLE2) {
            // An .xlsx in an OLE2 container is an encrypted (password-protected) workbook.
            throw new InvalidInputException(
                    "file", "the workbook is password-protected (or a legacy .xls); save it unprotected as .xlsx");
        }
        if (magic != FileMagic.OOXML) {
            throw new InvalidInputException("file", "the upload is not an .xlsx file");
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
            for (Sheet sheet : workbook) {
                sheets.put(sheet.getSheetName(), rows(sheet));
            }
            return sheets;
        } catch (EncryptedDocumentException e) {
            throw new InvalidInputException("file", "the workbook is password-protected; save it unprotected");
        } catch (NotOfficeXmlFileException e) {
            throw new InvalidInputException("file", "the upload is not an .xlsx file");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("file", "the .xlsx file cannot be read: " + e.getMessage());
        }
    }

    /** Writes sheets of contents as an .xlsx file that Excel recalculates on open. */
    public byte[] write(Map<String, List<List<Object>>> sheets) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            sheets.forEach((name, rows) -> {
                Sheet sheet = workbook.createSheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = null;
                    List<Object> contents = rows.get(r);
                    for (int c = 0; c < contents.size(); c++) {
                        Object content = contents.get(c);
                        if (content == null) {
                            continue;
                        }
                        if (row == null) {
                            row = sheet.createRow(r);
                        }
                        Cell cell = row.createCell(c);
                        switch (content) {
                            case String text
                            when text.startsWith("=") && text.length() > 1 -> cell.setCellFormula(text.substring(1));
                            case String text -> cell.setCellValue(text);
                            case Number number -> cell.setCellValue(number.doubleValue());
                            case Boolean bool -> cell.setCellValue(bool);
                            default -> cell.setCellValue(content.toString());
                        }
                    }
                }
            });
            workbook.setForceFormulaRecalculation(true);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Object>> rows(Sheet sheet) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<Object> contents = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    contents.add(content(row.getCell(c)));
                }
            }
            rows.add(contents);
        }
        return rows;
    }

    private static Object content(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case FORMULA -> "=" + cell.getCellFormula();
            case NUMERIC -> cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR ->
                "="
                        + org.apache.poi.ss.usermodel.FormulaError.forInt(cell.getErrorCellValue())
                                .getString();
            case BLANK, _NONE -> null;
        };
    }

    private static FileMagic magic(byte[] file) {
        try {
            return FileMagic.valueOf(new ByteArrayInputStream(file));
        } catch (IOException e) {
            return FileMagic.UNKNOWN;
        }
    }
}
