package io.ledgerflow.formula.compat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes sheets of contents as a minimal {@code .xlsx} by hand (no formula parser in between, so
 * every function name reaches LibreOffice as Excel would store it: functions newer than Excel 2007
 * carry the {@code _xlfn.} prefix). Every formula cell is saved with the cached value
 * {@link #SENTINEL}, so a reader can tell a recalculated value from a stale one.
 */
final class XlsxWriter {

    /** The cached value written for every formula: LibreOffice must replace it. */
    static final double SENTINEL = -987654.321;

    private XlsxWriter() {}

    /** Excel 2010+ functions, stored with the _xlfn. prefix (besides every name with a dot). */
    private static final Set<String> XLFN = Set.of(
            "CONCAT",
            "TEXTJOIN",
            "IFS",
            "SWITCH",
            "XOR",
            "MAXIFS",
            "MINIFS",
            "XLOOKUP",
            "XMATCH",
            "DAYS",
            "ISOWEEKNUM",
            "BITAND",
            "BITOR",
            "BITXOR",
            "BITLSHIFT",
            "BITRSHIFT",
            "ARABIC",
            "BASE",
            "DECIMAL",
            "COMBINA",
            "ACOT",
            "ACOTH",
            "COT",
            "COTH",
            "CSC",
            "CSCH",
            "SEC",
            "SECH",
            "FORMULATEXT",
            "ISFORMULA",
            "UNICHAR",
            "UNICODE",
            "NUMBERVALUE",
            "PDURATION",
            "RRI",
            "GAMMA",
            "GAUSS",
            "PHI",
            "IFNA",
            "TEXTBEFORE",
            "TEXTAFTER",
            "LET");

    /** Dotted names Excel 2007 already had, stored without the prefix. */
    private static final Set<String> NO_PREFIX =
            Set.of("ERROR.TYPE", "ISO.CEILING", "WORKDAY.INTL", "NETWORKDAYS.INTL");

    private static final Pattern CALL = Pattern.compile("([A-Za-z][A-Za-z0-9.]*)\\(");

    /** The formula text as Excel stores it in a file: newer functions prefixed with _xlfn. */
    static String stored(String formula) {
        StringBuilder sb = new StringBuilder();
        Matcher m = CALL.matcher(formula);
        int last = 0;
        boolean inString = false;
        while (m.find()) {
            // skip names inside string literals
            for (int i = last; i < m.start(); i++) {
                if (formula.charAt(i) == '"') {
                    inString = !inString;
                }
            }
            String name = m.group(1).toUpperCase(Locale.ROOT);
            sb.append(formula, last, m.start());
            boolean prefix = !inString
                    && (XLFN.contains(name) || (name.contains(".") && !name.startsWith("_")))
                    && !NO_PREFIX.contains(name);
            sb.append(prefix ? "_xlfn." : "").append(m.group(1)).append('(');
            last = m.end();
        }
        return sb.append(formula.substring(last)).toString();
    }

    static void write(Path file, Map<String, Object[][]> sheets) throws IOException {
        write(file, sheets, Map.of());
    }

    /**
     * Writes the sheets; a formula "{=...}" is written as an array formula over the area
     * {@code arrays} gives for "sheet!row!col" ({rows, cols}; 1x1 when absent).
     */
    static void write(Path file, Map<String, Object[][]> sheets, Map<String, int[]> arrays) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            StringBuilder types = new StringBuilder(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
            StringBuilder book = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                    + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            int n = 0;
            for (Map.Entry<String, Object[][]> e : sheets.entrySet()) {
                n++;
                types.append("<Override PartName=\"/xl/worksheets/sheet")
                        .append(n)
                        .append(
                                ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                book.append("<sheet name=\"")
                        .append(escape(e.getKey()))
                        .append("\" sheetId=\"")
                        .append(n)
                        .append("\" r:id=\"rId")
                        .append(n)
                        .append("\"/>");
                rels.append("<Relationship Id=\"rId")
                        .append(n)
                        .append(
                                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
                        .append(n)
                        .append(".xml\"/>");
                entry(zip, "xl/worksheets/sheet" + n + ".xml", sheet(e.getKey(), e.getValue(), arrays));
            }
            types.append("</Types>");
            book.append("</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>");
            rels.append("</Relationships>");
            entry(zip, "[Content_Types].xml", types.toString());
            entry(
                    zip,
                    "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                            + "</Relationships>");
            entry(zip, "xl/workbook.xml", book.toString());
            entry(zip, "xl/_rels/workbook.xml.rels", rels.toString());
        }
    }

    private static String sheet(String name, Object[][] rows, Map<String, int[]> arrays) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                continue;
            }
            sb.append("<row r=\"").append(r + 1).append("\">");
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v == null) {
                    continue;
                }
                String ref = io.ledgerflow.formula.parse.A1.cellName(r, c);
                switch (v) {
                    case String s
                    when s.startsWith("{=") && s.endsWith("}") -> {
                        int[] area = arrays.getOrDefault(name + "!" + r + "!" + c, new int[] {1, 1});
                        String last = io.ledgerflow.formula.parse.A1.cellName(r + area[0] - 1, c + area[1] - 1);
                        sb.append("<c r=\"")
                                .append(ref)
                                .append("\"><f t=\"array\" ref=\"")
                                .append(ref)
                                .append(':')
                                .append(last)
                                .append("\">")
                                .append(escape(stored(s.substring(2, s.length() - 1))))
                                .append("</f><v>")
                                .append(SENTINEL)
                                .append("</v></c>");
                    }
                    case String s
                    when s.startsWith("=") ->
                        sb.append("<c r=\"")
                                .append(ref)
                                .append("\"><f>")
                                .append(escape(stored(s.substring(1))))
                                .append("</f><v>")
                                .append(SENTINEL)
                                .append("</v></c>");
                    case String s ->
                        sb.append("<c r=\"")
                                .append(ref)
                                .append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                                .append(escape(s))
                                .append("</t></is></c>");
                    case Boolean b ->
                        sb.append("<c r=\"")
                                .append(ref)
                                .append("\" t=\"b\"><v>")
                                .append(b ? 1 : 0)
                                .append("</v></c>");
                    case Number num ->
                        sb.append("<c r=\"")
                                .append(ref)
                                .append("\"><v>")
                                .append(Double.toString(num.doubleValue()).replace("E", "E"))
                                .append("</v></c>");
                    default -> throw new IllegalArgumentException("content " + v);
                }
            }
            sb.append("</row>");
        }
        return sb.append("</sheetData></worksheet>").toString();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
