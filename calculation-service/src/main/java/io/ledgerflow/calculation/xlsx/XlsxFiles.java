package io.ledgerflow.calculation.xlsx;

import io.ledgerflow.calculation.document.DefinedName;
import io.ledgerflow.calculation.document.Operation;
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
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
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

    /**
     * What a file holds: the contents of each sheet, in order, as rows of contents (formulas start
     * with "="), its defined names and its date system; and the names it could not import, with why.
     */
    public record Imported(Operation.Create contents, List<XlsxNames.Skipped> skippedNames) {
        public Map<String, List<List<Object>>> sheets() {
            return contents.sheets();
        }
    }

    /** Reads a file's sheets, defined names and date system. */
    public Imported read(byte[] file) {
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
            List<XlsxNames.Skipped> skipped = new ArrayList<>();
            List<DefinedName> names = XlsxNames.read(workbook, skipped);
            return new Imported(
                    new Operation.Create(sheets, names.isEmpty() ? null : names, workbook.isDate1904() ? true : null),
                    skipped);
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
        return write(new Operation.Create(sheets), Map.of());
    }

    /**
     * Writes sheets of contents as an .xlsx file that Excel recalculates on open; {@code arrays}
     * holds, per sheet, the formulas to write as array formulas (keyed {@code row << 20 | col}) and
     * their areas as {rows, columns}. The workbook's defined names and date system go with it: a
     * 1904 workbook's numbers are written as they are, in a file marked as counting from 1904.
     */
    public byte[] write(Operation.Create contents, Map<String, Map<Long, int[]>> arrays) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            contents.sheets().keySet().forEach(workbook::createSheet);
            XlsxNames.write(workbook, contents.definedNames()); // before the formulas that use them
            contents.sheets().forEach((name, rows) -> {
                Sheet sheet = workbook.getSheet(name);
                Map<Long, int[]> areas = arrays.getOrDefault(name, Map.of());
                for (int r = 0; r < rows.size(); r++) {
                    Row row = null;
                    List<Object> cells = rows.get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object content = cells.get(c);
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
                            when text.startsWith("=") && text.length() > 1 -> formula(cell, stored(text.substring(1)));
                            case String text -> cell.setCellValue(text);
                            case Number number -> cell.setCellValue(number.doubleValue());
                            case Boolean bool -> cell.setCellValue(bool);
                            default -> cell.setCellValue(content.toString());
                        }
                    }
                }
            });
            if (contents.in1904()) {
                var properties = workbook.getCTWorkbook().isSetWorkbookPr()
                        ? workbook.getCTWorkbook().getWorkbookPr()
                        : workbook.getCTWorkbook().addNewWorkbookPr();
                properties.setDate1904(true);
            }
            workbook.setForceFormulaRecalculation(true);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell's formula. POI checks it with its own parser, which refuses some the engine computes
     * (a call of a name that holds a lambda, functions newer than POI): those are stored as text.
     */
    private static void formula(Cell cell, String formula) {
        try {
            cell.setCellFormula(formula);
        } catch (FormulaParseException e) {
            CTCell xml = ((XSSFCell) cell).getCTCell();
            (xml.isSetF() ? xml.getF() : xml.addNewF()).setStringValue(formula);
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

    /**
     * A cell's content. Numbers are kept as the file stores them: in a workbook saved with the 1904
     * date system (Excel for Mac's old default) a date counts days from 1904-01-01, and the workbook
     * keeps that system (its date functions count the same way).
     */
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
