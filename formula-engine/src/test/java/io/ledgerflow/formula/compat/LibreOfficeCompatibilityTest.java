package io.ledgerflow.formula.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Excel-compatibility suite with LibreOffice Calc as the oracle: workbooks generated from a
 * seed ({@link CompatWorkbooks}) are recalculated and saved by headless LibreOffice; the engine
 * loads the same contents and every formula cell's value is compared with LibreOffice's. Prints
 * the agreement per file and per function, writes the disagreements to
 * {@code target/compat/report.txt}, and fails below {@link #THRESHOLD}. Cells whose formula
 * matches a documented Excel-vs-LibreOffice difference ({@code compat/excel-differences.txt},
 * where the engine follows Excel) are counted apart. Skipped when soffice is not installed,
 * unless {@code LEDGERFLOW_REQUIRE_LIBREOFFICE=1}.
 */
class LibreOfficeCompatibilityTest {

    /**
     * The agreement (formula cells equal to LibreOffice's, or differing only where Excel's
     * documented behaviour differs) below which the suite fails; raise it as the engine improves.
     * Measured: 100% (3,845 cells with 482 cells of array formulas, seed 20261202).
     */
    static final double THRESHOLD = 0.995;

    /**
     * The share of formula cells strictly equal to LibreOffice's below which it fails: measured 97.2%
     * (98.0% before array formulas; the TRUE/FALSE of array areas, which LibreOffice saves as 1/0, count
     * as differences).
     */
    static final double STRICT_THRESHOLD = 0.97;

    static final long SEED = 20261202L;

    record Difference(Pattern pattern, String why) {}

    static List<Difference> excelDifferences() throws IOException {
        List<Difference> list = new ArrayList<>();
        try (InputStream in = LibreOfficeCompatibilityTest.class.getResourceAsStream("/compat/excel-differences.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf(" | ");
                list.add(new Difference(
                        Pattern.compile(line.substring(0, bar).trim()),
                        line.substring(bar + 3).trim()));
            }
        }
        return list;
    }

    @Test
    void engineAgreesWithLibreOfficeOnGeneratedWorkbooks() throws Exception {
        String soffice = LibreOffice.executable();
        if (soffice == null) {
            if ("1".equals(System.getenv("LEDGERFLOW_REQUIRE_LIBREOFFICE"))) {
                throw new AssertionError("LEDGERFLOW_REQUIRE_LIBREOFFICE=1 but soffice is not on the PATH"
                        + " (bin/install-test-deps installs libreoffice-calc-nogui)");
            }
            Assumptions.abort("LibreOffice (soffice) is not installed: the compatibility suite is skipped."
                    + " Install Debian's libreoffice-calc-nogui (bin/install-test-deps) to run it.");
        }
        Path base = Path.of("target", "compat").toAbsolutePath();
        Map<String, Map<String, Object[][]>> books = new java.util.LinkedHashMap<>();
        books.putAll(CompatWorkbooks.functionWorkbooks(SEED, 3, 3));
        books.putAll(CompatWorkbooks.accountingWorkbooks(SEED, 400));
        books.putAll(ArrayCases.arrayWorkbooks(SEED, 4));
        List<Path> inputs = new ArrayList<>();
        for (var e : books.entrySet()) {
            Path p = base.resolve("generated").resolve(e.getKey() + ".xlsx");
            XlsxWriter.write(p, e.getValue(), e.getKey().equals("arrays") ? ArrayCases.EXTENTS : Map.of());
            inputs.add(p);
        }
        long t0 = System.nanoTime();
        List<Path> outputs =
                LibreOffice.recalculate(soffice, inputs, base.resolve("libreoffice"), base.resolve("profile"));
        long sofficeMs = (System.nanoTime() - t0) / 1_000_000;

        List<Difference> known = excelDifferences();
        Tally total = new Tally();
        Map<String, Tally> perFunction = new TreeMap<>();
        StringBuilder report = new StringBuilder();
        StringBuilder perFile = new StringBuilder();
        int stale = 0;
        int i = 0;
        for (var e : books.entrySet()) {
            Tally file = new Tally();
            FormulaEngine.Builder builder =
                    FormulaEngine.builder().today(LocalDate.of(2026, 12, 2)).parallelism(1);
            e.getValue().forEach(builder::sheet);
            FormulaEngine engine = builder.build();
            try (XSSFWorkbook lo = new XSSFWorkbook(Files.newInputStream(outputs.get(i++)))) {
                for (var sheet : e.getValue().entrySet()) {
                    Sheet loSheet = lo.getSheet(sheet.getKey());
                    Object[][] rows = sheet.getValue();
                    for (int r0 = 0; r0 < rows.length; r0++) {
                        for (int c0 = 0; c0 < rows[r0].length; c0++) {
                            if (!(rows[r0][c0] instanceof String f) || !(f.startsWith("=") || f.startsWith("{="))) {
                                continue;
                            }
                            // an array formula: every cell of its area (as LibreOffice computed it over
                            // the area written in the file, and as the engine spills it)
                            int[] area = e.getKey().equals("arrays")
                                    ? ArrayCases.EXTENTS.getOrDefault(
                                            sheet.getKey() + "!" + r0 + "!" + c0, new int[] {1, 1})
                                    : new int[] {1, 1};
                            for (int q = 0; q < area[0] * area[1]; q++) {
                                int r = r0 + q / area[1];
                                int c = c0 + q % area[1];
                                Row row = loSheet.getRow(r);
                                Cell cell = row == null ? null : row.getCell(c);
                                Value expected = cached(cell);
                                if (expected instanceof NumberValue n && n.value() == XlsxWriter.SENTINEL) {
                                    stale++;
                                }
                                Value actual = engine.getValue(sheet.getKey(), r, c);
                                String fn = f.startsWith("{=") || e.getKey().equals("arrays")
                                        ? "array " + function(f)
                                        : function(f);
                                Tally ft = perFunction.computeIfAbsent(fn, k -> new Tally());
                                String where = e.getKey() + "!" + sheet.getKey() + "!"
                                        + io.ledgerflow.formula.parse.A1.cellName(r, c);
                                if (expected == ErrorValue.NAME && actual != ErrorValue.NAME) {
                                    // the oracle does not know the function (LibreOffice 7.4 lacks XLOOKUP,
                                    // XMATCH, TEXTBEFORE, TEXTAFTER): not verified, not counted
                                    total.unverified++;
                                    file.unverified++;
                                    ft.unverified++;
                                    report.append("UNVERIFIED ")
                                            .append(where)
                                            .append(' ')
                                            .append(f)
                                            .append("  engine=")
                                            .append(show(actual))
                                            .append(" (LibreOffice: #NAME?)\n");
                                    continue;
                                }
                                if (agree(actual, expected)) {
                                    total.agree++;
                                    file.agree++;
                                    ft.agree++;
                                    continue;
                                }
                                Difference d = savedAsNumber(f, actual, expected)
                                        ? ARRAY_BOOLEANS
                                        : known.stream()
                                                .filter(k ->
                                                        k.pattern().matcher(f).find())
                                                .findFirst()
                                                .orElse(null);
                                if (d != null) {
                                    total.excel++;
                                    file.excel++;
                                    ft.excel++;
                                    report.append("EXCEL  ")
                                            .append(where)
                                            .append(' ')
                                            .append(f)
                                            .append("  engine=")
                                            .append(show(actual))
                                            .append(" libreoffice=")
                                            .append(show(expected))
                                            .append("  (")
                                            .append(d.why())
                                            .append(")\n");
                                } else {
                                    total.differ++;
                                    file.differ++;
                                    ft.differ++;
                                    report.append("DIFFER ")
                                            .append(where)
                                            .append(' ')
                                            .append(f)
                                            .append("  engine=")
                                            .append(show(actual))
                                            .append(" libreoffice=")
                                            .append(show(expected))
                                            .append('\n');
                                }
                            }
                        }
                    }
                }
            }
            perFile.append(String.format(Locale.ROOT, "  %-14s %s%n", e.getKey(), file));
        }
        StringBuilder fnLines = new StringBuilder();
        perFunction.forEach((fn, t) -> {
            if (t.differ > 0 || t.excel > 0 || t.unverified > 0 || fn.startsWith("array ")) {
                fnLines.append(String.format(Locale.ROOT, "  %-18s %s%n", fn, t));
            }
        });
        String summary = String.format(
                Locale.ROOT,
                "LibreOffice compatibility (seed %d, soffice %d ms): %s; %d functions, all agreeing but (and the"
                        + " array formulas):%n%s"
                        + "per file:%n%s",
                SEED,
                sofficeMs,
                total,
                perFunction.size(),
                fnLines,
                perFile);
        Files.writeString(base.resolve("report.txt"), summary + "\n" + report);
        System.out.println(summary);
        assertThat(stale)
                .as("formula cells LibreOffice did not recalculate (cached sentinel kept)")
                .isZero();
        assertThat(total.agreement())
                .as("agreement with LibreOffice (disagreements in target/compat/report.txt)%n%s", summary)
                .isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(total.strict())
                .as("cells strictly equal to LibreOffice's%n%s", summary)
                .isGreaterThanOrEqualTo(STRICT_THRESHOLD);
    }

    /** Agreement counts: equal values, documented Excel-vs-LibreOffice differences, the rest. */
    static final class Tally {
        int agree;
        int excel;
        int differ;
        int unverified;

        /** Share of cells strictly equal to LibreOffice's. */
        double strict() {
            int n = agree + excel + differ;
            return n == 0 ? 1 : agree / (double) n;
        }

        /** Share of cells that agree, documented Excel differences counted as agreeing with Excel. */
        double agreement() {
            int n = agree + excel + differ;
            return n == 0 ? 1 : (agree + excel) / (double) n;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d cells, %d agree, %d Excel differences, %d differ = %.2f%%",
                    agree + excel + differ,
                    agree,
                    excel,
                    differ,
                    100 * agreement());
        }
    }

    private static final Pattern FN = Pattern.compile("([A-Z][A-Z0-9.]*)\\(");

    /** The first function a formula calls (its outermost, as written), or "(operators)". */
    static String function(String formula) {
        Matcher m = FN.matcher(formula.toUpperCase(Locale.ROOT));
        return m.find() ? m.group(1) : "(operators)";
    }

    static final Difference ARRAY_BOOLEANS = new Difference(
            Pattern.compile("^\\{="),
            "LibreOffice saves the TRUE/FALSE of an array formula's area as the numbers 1/0 in .xlsx (its type is"
                    + " lost); Excel keeps them as booleans");

    /** An array formula's boolean that LibreOffice saved as 1/0. */
    static boolean savedAsNumber(String formula, Value actual, Value expected) {
        return formula.startsWith("{=")
                && actual instanceof BooleanValue b
                && expected instanceof NumberValue n
                && n.value() == (b.value() ? 1 : 0);
    }

    static Value cached(Cell cell) {
        if (cell == null) {
            return EmptyValue.INSTANCE;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> NumberValue.of(cell.getNumericCellValue());
            case STRING -> new TextValue(cell.getStringCellValue());
            case BOOLEAN -> BooleanValue.of(cell.getBooleanCellValue());
            case ERROR -> {
                String text = org.apache.poi.ss.usermodel.FormulaError.forInt(cell.getErrorCellValue())
                        .getString();
                yield ErrorValue.parse(text);
            }
            default -> EmptyValue.INSTANCE;
        };
    }

    static boolean agree(Value actual, Value expected) {
        if (actual instanceof EmptyValue) {
            return expected instanceof EmptyValue
                    || (expected instanceof NumberValue n && n.value() == 0)
                    || (expected instanceof TextValue t && t.value().isEmpty());
        }
        if (actual instanceof NumberValue a && expected instanceof NumberValue b) {
            double x = a.value();
            double y = b.value();
            return x == y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < 1e-12;
        }
        return actual.equals(expected);
    }

    static String show(Value v) {
        return switch (v) {
            case TextValue t -> "\"" + t.value() + "\"";
            case NumberValue n -> Double.toString(n.value());
            default -> v.toString();
        };
    }
}
