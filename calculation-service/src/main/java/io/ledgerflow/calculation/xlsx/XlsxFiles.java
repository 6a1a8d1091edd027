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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@code .xlsx} files: sheet names, formulas (array formulas included) and
 * constants. Apache POI only moves contents in and out; Ledgerflow's engine computes every value.
 *
 * <p>Arrays: a file's array formula (a legacy Ctrl+Shift+Enter group, or a dynamic array, which
 * Excel stores the same way with the area it spilled over) is read as {@code "{=formula}"} in its
 * top-left cell, the other cells of its area empty (the engine spills into them). On export each
 * dynamic array is written as an array formula over the area it spills over now.
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
                sheets.put(sheet.getSheetName(), rows(sheet, workbook.isDate1904()));
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
        return write(sheets, Map.of());
    }

    /**
     * Writes sheets of contents as an .xlsx file that Excel recalculates on open; {@code arrays}
     * holds, per sheet, the formulas to write as array formulas (keyed {@code row << 20 | col}) and
     * their areas as {rows, columns}.
     */
    public byte[] write(Map<String, List<List<Object>>> sheets, Map<String, Map<Long, int[]>> arrays) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            sheets.forEach((name, rows) -> {
                Sheet sheet = workbook.createSheet(name);
                Map<Long, int[]> areas = arrays.getOrDefault(name, Map.of());
                for (int r = 0; r < rows.size(); r++) {
                    Row row = null;
                    List<Object> contents = rows.get(r);
                    for (int c = 0; c < contents.size(); c++) {
                        Object content = contents.get(c);
                        if (content == null) {
                            continue;
                        }
                        if (row == null) {
                            row = sheet.getRow(r) != null ? sheet.getRow(r) : sheet.createRow(r);
                        }
                        int[] area = areas.get(((long) r << 20) | c);
                        if (content instanceof String text && (area != null || isArrayFormula(text))) {
                            writeArray(sheet, r, c, text, area);
                            continue;
                        }
                        if (row.getCell(c) != null && row.getCell(c).isPartOfArrayFormulaGroup()) {
                            continue; // inside an array's area (a value it spilled at an older revision)
                        }
                        Cell cell = row.createCell(c);
                        switch (content) {
                            case String text
                            when text.startsWith("=") && text.length() > 1 ->
                                cell.setCellFormula(stored(text.substring(1)));
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

    private static boolean isArrayFormula(String text) {
        return text.startsWith("{=") && text.endsWith("}") && text.length() > 3;
    }

    /** A spill reference {@code A1#} (with an optional sheet): files store it as {@code _xlfn.ANCHORARRAY(A1)}. */
    private static final Pattern SPILL_REF =
            Pattern.compile("((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\\$?[A-Za-z]{1,3}\\$?[0-9]+)#");

    /** The formula text as a file stores it (what POI writes): spill references as ANCHORARRAY. */
    static String stored(String formula) {
        return formula.indexOf('#') < 0
                ? formula
                : SPILL_REF
                        .matcher(formula)
                        .replaceAll(m -> Matcher.quoteReplacement(
                                "_xlfn.ANCHORARRAY(" + (m.group(1) == null ? "" : m.group(1)) + m.group(2) + ")"));
    }

    /** An array formula over its area (the anchor alone when the area is not known). */
    private static void writeArray(Sheet sheet, int r, int c, String text, int[] area) {
        String formula = stored(isArrayFormula(text) ? text.substring(2, text.length() - 1) : text.substring(1));
        int rows = area == null ? 1 : area[0];
        int cols = area == null ? 1 : area[1];
        sheet.setArrayFormula(formula, new CellRangeAddress(r, r + rows - 1, c, c + cols - 1));
    }

    /** Days from 1900-01-00 (Excel's 1900 date system) to 1904-01-01 (its 1904 system's day 0). */
    static final double DAYS_1900_TO_1904 = 1462;

    private static List<List<Object>> rows(Sheet sheet, boolean date1904) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<Object> contents = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    contents.add(content(row.getCell(c), date1904));
                }
            }
            rows.add(contents);
        }
        return rows;
    }

    /**
     * A cell's content. In a workbook saved with the 1904 date system (Excel for Mac's old default)
     * a date-formatted number counts days from 1904-01-01: it is moved to the 1900 system the
     * engine computes in (+1,462 days), so it is the same date for DATE, YEAR, TODAY and every
     * other date function. Exports are written in the 1900 system.
     */
    private static Object content(Cell cell, boolean date1904) {
        if (date1904 && cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getNumericCellValue() + DAYS_1900_TO_1904;
        }
        return content(cell);
    }

    private static Object content(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case FORMULA -> formula(cell);
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

    /** A formula, "{=...}" for the top-left cell of an array formula; null in the rest of its area. */
    private static Object formula(Cell cell) {
        if (cell.isPartOfArrayFormulaGroup()) {
            CellRangeAddress area = cell.getArrayFormulaRange();
            if (area.getFirstRow() != cell.getRowIndex() || area.getFirstColumn() != cell.getColumnIndex()) {
                return null;
            }
            return "{=" + cell.getCellFormula() + "}";
        }
        return "=" + cell.getCellFormula();
    }

    private static FileMagic magic(byte[] file) {
        try {
            return FileMagic.valueOf(new ByteArrayInputStream(file));
        } catch (IOException e) {
            return FileMagic.UNKNOWN;
        }
    }
}
