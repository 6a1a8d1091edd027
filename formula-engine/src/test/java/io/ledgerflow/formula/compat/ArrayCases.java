package io.ledgerflow.formula.compat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Array formulas for the compatibility suite: legacy array formulas ({@code {=...}}, Ctrl+Shift+Enter
 * groups), which LibreOffice 7.4 computes (it has no FILTER, SORT, UNIQUE or SEQUENCE: those are
 * covered by the function table). Each template has a fixed result shape; the formula is written
 * with that area as its array range ({@code <f t="array" ref="A1:A5">}), LibreOffice saves a value
 * in every cell of it, and the engine, loading the same formula as a dynamic array, must spill the
 * same values over the same area.
 */
final class ArrayCases {

    private ArrayCases() {}

    /** A template and its result's rows and columns. */
    record Template(String formula, int rows, int cols) {}

    /**
     * Placeholders: {v} a 5-row numeric range, {w} the same rows of another numeric column, {t} the
     * same rows of texts, {m} of mixed values, {g} of categories (with blanks), {n} a number, {i} 0-3.
     */
    static final List<Template> TEMPLATES = List.of(
            new Template("{=SUM({v}*{w})}", 1, 1),
            new Template("{=SUM(IF({v}>{n},{w}))}", 1, 1),
            new Template("{=MAX(IF({v}>0,{w}))}", 1, 1),
            new Template("{=SUM(({g}=\"north\")*{v})}", 1, 1),
            new Template("{=COUNT(IF({v}>{n},1))}", 1, 1),
            new Template("{=AVERAGE(IF({v}<>0,{w}))}", 1, 1),
            new Template("{=SUM(LEN({t}))}", 1, 1),
            new Template("{=SUM(ROUND({v},{i}))}", 1, 1),
            new Template("{=SUM(IF(ISNUMBER({m}),{m}))}", 1, 1),
            new Template("{=INDEX({v},MATCH(MAX({w}),{w},0))}", 1, 1),
            new Template("{=SUM(IF({g}=\"east\",1,0))}", 1, 1),
            new Template("=SUMPRODUCT(({v}>{n})*{w})", 1, 1),
            new Template("=SUMPRODUCT(({g}=\"west\")*({v}>0))", 1, 1),
            new Template("{={v}*2}", 5, 1),
            new Template("{={v}+{w}}", 5, 1),
            new Template("{=-{v}}", 5, 1),
            new Template("{={v}%}", 5, 1),
            new Template("{=IF({v}>{n},{v},0)}", 5, 1),
            new Template("{=ABS({v})}", 5, 1),
            new Template("{=ROUND({v}/3,{i})}", 5, 1),
            new Template("{={v}>{n}}", 5, 1),
            new Template("{={t}&\"!\"}", 5, 1),
            new Template("{=UPPER({t})}", 5, 1),
            new Template("{=LEFT({t},3)}", 5, 1),
            new Template("{=IFERROR(1/{v},\"inf\")}", 5, 1),
            new Template("{=ISNUMBER({m})}", 5, 1),
            new Template("{={m}*1}", 5, 1),
            new Template("{={v}*{1,2,3}}", 5, 3),
            new Template("{={v}*{1;2;3}}", 5, 1),
            new Template("{=TRANSPOSE({v})}", 1, 5),
            new Template("{=MMULT({1,2;3,4},{5,6;7,8})}", 2, 2),
            new Template("{={1,2,3}*{n}}", 1, 3),
            new Template("{=TRANSPOSE({1,2,3})+{v}}", 5, 1));

    /** Where each array formula's area is, by "sheet!row!col" (in the "arrays" workbook): {rows, cols}. */
    static final Map<String, int[]> EXTENTS = new LinkedHashMap<>();

    /** One workbook: the Data sheet and a sheet "A" of array formulas, 7 rows apart. */
    static Map<String, Map<String, Object[][]>> arrayWorkbooks(long seed, int perTemplate) {
        Random rnd = new Random(seed);
        int n = TEMPLATES.size() * perTemplate;
        Object[][] sheet = new Object[n * 7][];
        int k = 0;
        for (Template t : TEMPLATES) {
            for (int j = 0; j < perTemplate; j++) {
                sheet[k * 7] = new Object[] {instantiate(t.formula(), rnd)};
                EXTENTS.put("A!" + (k * 7) + "!0", new int[] {t.rows(), t.cols()});
                k++;
            }
        }
        for (int r = 0; r < sheet.length; r++) {
            if (sheet[r] == null) {
                sheet[r] = new Object[1];
            }
        }
        Map<String, Object[][]> book = new LinkedHashMap<>();
        book.put("Data", CompatWorkbooks.data(new Random(seed)));
        book.put("A", sheet);
        Map<String, Map<String, Object[][]>> books = new LinkedHashMap<>();
        books.put("arrays", book);
        return books;
    }

    static String instantiate(String template, Random rnd) {
        int first = 1 + rnd.nextInt(CompatWorkbooks.DATA_ROWS - 5);
        int last = first + 4;
        char num = "AEF".charAt(rnd.nextInt(3));
        char num2 = "EFA".charAt(rnd.nextInt(3));
        double[] numbers = {0, 1, -1, 2.5, 10, 50, 100, -3.75};
        double x = numbers[rnd.nextInt(numbers.length)];
        String nx = x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
        return template.replace("{v}", range(num, first, last))
                .replace("{w}", range(num2, first, last))
                .replace("{t}", range('H', first, last))
                .replace("{m}", range('D', first, last))
                .replace("{g}", range('B', first, last))
                .replace("{n}", x < 0 ? "(" + nx + ")" : nx)
                .replace("{i}", Integer.toString(rnd.nextInt(4)));
    }

    private static String range(char col, int first, int last) {
        return "Data!" + col + first + ":" + col + last;
    }
}
