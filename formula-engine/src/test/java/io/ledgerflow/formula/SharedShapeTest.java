package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.FormulaPrinter;
import io.ledgerflow.formula.value.NumberValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A load parses each formula shape once and compiles the other formulas of the shape by shifting
 * that tree (see {@link FormulaParser#shapeKey}). These tests fill random shapes over blocks of
 * cells, as Excel's fill-down and fill-right write them, and check that every cell reads relative
 * to itself: the same formula text, values and structural-edit results as an engine built from
 * formulas parsed one by one (pre-parsed trees bypass the sharing).
 */
class SharedShapeTest {

    static final int ROWS = 24;
    static final int COLS = 10;
    static final String[] SHEETS = {"S1", "Other Sheet"};

    /** One random reference written from a host cell: relative parts as offsets, absolute as fixed. */
    record Ref(int row, int col, boolean rowAbs, boolean colAbs) {
        String at(int hostRow, int hostCol) {
            int r = rowAbs ? row : hostRow + row;
            int c = colAbs ? col : hostCol + col;
            return (colAbs ? "$" : "") + A1.columnName(c) + (rowAbs ? "$" : "") + (r + 1);
        }
    }

    /** A random formula shape, written for any host cell of the fill area (rows >= 4, cols >= 3). */
    static final class Shape {
        final Random rnd;
        final StringBuilder pattern = new StringBuilder();
        final java.util.List<Ref> refs = new java.util.ArrayList<>();

        Shape(Random rnd) {
            this.rnd = rnd;
            pattern.append('=').append(expr(2));
        }

        private String ref() {
            boolean rowAbs = rnd.nextInt(3) == 0;
            boolean colAbs = rnd.nextInt(3) == 0;
            int row = rowAbs ? rnd.nextInt(ROWS) : rnd.nextInt(9) - 4;
            int col = colAbs ? rnd.nextInt(6) : rnd.nextInt(5) - 3;
            refs.add(new Ref(row, col, rowAbs, colAbs));
            return "\u0001" + (refs.size() - 1) + "\u0002";
        }

        private String area() {
            return ref() + ":" + ref();
        }

        private String expr(int depth) {
            int k = depth <= 0 ? rnd.nextInt(3) : rnd.nextInt(13);
            String sheet = rnd.nextInt(6) == 0 ? "'Other Sheet'!" : "";
            return switch (k) {
                case 0 -> Integer.toString(rnd.nextInt(10));
                case 1, 2 -> sheet + ref();
                case 3 -> expr(depth - 1) + "+" + expr(depth - 1);
                case 4 -> "(" + expr(depth - 1) + ")*" + expr(depth - 1);
                case 5 -> "SUM(" + sheet + area() + ")";
                case 6 -> "SUMIF(" + area() + ",\">2\"," + area() + ")";
                case 7 -> "IF(" + expr(depth - 1) + ">3," + expr(depth - 1) + ",\"A1\")";
                case 8 -> "COUNTIF(" + sheet + area() + "," + expr(depth - 1) + ")";
                case 9 -> "MAX(" + area() + ")&\"B2\"";
                case 10 -> "ROUND(" + expr(depth - 1) + "/3,2)";
                case 11 -> "IFERROR(VLOOKUP(" + expr(depth - 1) + "," + area() + ",2,0),-1)";
                default -> "-" + sheet + ref() + "%";
            };
        }

        /** The formula text this shape has in a host cell. */
        String at(int hostRow, int hostCol) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < pattern.length()) {
                char ch = pattern.charAt(i);
                if (ch == '\u0001') {
                    int end = pattern.indexOf("\u0002", i);
                    sb.append(refs.get(Integer.parseInt(pattern.substring(i + 1, end)))
                            .at(hostRow, hostCol));
                    i = end + 1;
                } else {
                    sb.append(ch);
                    i++;
                }
            }
            return sb.toString();
        }
    }

    /** Constants everywhere, then a few shapes each filled over a random block (rows >= 4, cols >= 3). */
    static Map<String, Object[][]> workbook(Random rnd) {
        Map<String, Object[][]> m = new LinkedHashMap<>();
        for (String s : SHEETS) {
            Object[][] rows = new Object[ROWS][COLS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    int k = rnd.nextInt(8);
                    rows[r][c] = k < 5 ? (Object) (double) (rnd.nextInt(9) - 2) : (k == 5 ? "a" : null);
                }
            }
            int shapes = 1 + rnd.nextInt(3);
            for (int k = 0; k < shapes; k++) {
                Shape shape = new Shape(rnd);
                int r1 = 4 + rnd.nextInt(ROWS - 8);
                int r2 = r1 + rnd.nextInt(ROWS - 4 - r1);
                int c1 = 3 + rnd.nextInt(COLS - 5);
                int c2 = c1 + rnd.nextInt(COLS - 2 - c1);
                for (int r = r1; r <= r2; r++) {
                    for (int c = c1; c <= c2; c++) {
                        rows[r][c] = shape.at(r, c);
                    }
                }
            }
            m.put(s, rows);
        }
        return m;
    }

    static FormulaEngine engine(Map<String, Object[][]> sheets, boolean parseEachCell) {
        FormulaEngine.Builder b = FormulaEngine.builder().parallelism(1).today(LocalDate.of(2024, 1, 1));
        sheets.forEach((name, rows) -> {
            Object[][] copy = new Object[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                copy[r] = rows[r].clone();
                for (int c = 0; c < copy[r].length; c++) {
                    if (parseEachCell && copy[r][c] instanceof String s && s.startsWith("=")) {
                        copy[r][c] = FormulaParser.parse(s); // a tree: compiled on its own, never shared
                    }
                }
            }
            b.sheet(name, copy);
        });
        return b.build();
    }

    static void assertSame(FormulaEngine actual, FormulaEngine expected) {
        for (String s : SHEETS) {
            for (int r = 0; r < ROWS + 3; r++) {
                for (int c = 0; c < COLS + 3; c++) {
                    String at = s + "!" + A1.cellName(r, c);
                    assertThat(actual.getFormula(s, r, c)).as(at).isEqualTo(expected.getFormula(s, r, c));
                    assertThat(actual.getValue(s, r, c)).as(at).isEqualTo(expected.getValue(s, r, c));
                }
            }
        }
    }

    @Property(tries = 150)
    void sharedShapesReadRelativeToEachCell(@ForAll long seed) {
        Random rnd = new Random(seed);
        Map<String, Object[][]> wb = workbook(rnd);
        FormulaEngine shared = engine(wb, false);
        FormulaEngine alone = engine(wb, true);
        assertSame(shared, alone);
        for (String s : SHEETS) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    if (wb.get(s)[r][c] instanceof String f && f.startsWith("=")) {
                        assertThat(shared.getFormula(s, r, c))
                                .as("%s!%s", s, A1.cellName(r, c))
                                .isEqualTo(FormulaPrinter.print(FormulaParser.parse(f)));
                    }
                }
            }
        }
    }

    @Property(tries = 100)
    void structuralEditsAndEditsAdjustSharedShapesCellByCell(@ForAll long seed) {
        Random rnd = new Random(seed);
        Map<String, Object[][]> wb = workbook(rnd);
        FormulaEngine shared = engine(wb, false);
        FormulaEngine alone = engine(wb, true);
        for (int i = 0; i < 3; i++) {
            String sheet = SHEETS[rnd.nextInt(SHEETS.length)];
            int at = rnd.nextInt(ROWS);
            int n = 1 + rnd.nextInt(2);
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    shared.insertRows(sheet, at, n);
                    alone.insertRows(sheet, at, n);
                }
                case 1 -> {
                    shared.deleteRows(sheet, at, n);
                    alone.deleteRows(sheet, at, n);
                }
                case 2 -> {
                    shared.insertColumns(sheet, at % COLS, n);
                    alone.insertColumns(sheet, at % COLS, n);
                }
                case 3 -> {
                    shared.deleteColumns(sheet, at % COLS, n);
                    alone.deleteColumns(sheet, at % COLS, n);
                }
                default -> {
                    int c = rnd.nextInt(COLS);
                    double v = rnd.nextInt(20);
                    shared.setCell(sheet, at, c, v);
                    alone.setCell(sheet, at, c, v);
                }
            }
            assertSame(shared, alone);
        }
    }

    @Test
    void aFilledDownChainSharesOneShapeAndEachCellReadsItsOwnPredecessor() {
        Object[][] rows = new Object[1000][];
        rows[0] = new Object[] {1.0, "=SUM(A$1:A1)"};
        for (int i = 1; i < rows.length; i++) {
            rows[i] = new Object[] {"=A" + i + "+1", "=SUM(A$1:A" + (i + 1) + ")"};
        }
        FormulaEngine e = FormulaEngine.builder().sheet("S", rows).build();
        assertThat(e.getValue("S", 999, 0)).isEqualTo(NumberValue.of(1000));
        assertThat(e.getValue("S", 999, 1)).isEqualTo(NumberValue.of(500_500));
        assertThat(e.getFormula("S", 500, 0)).isEqualTo("=A500+1");
        e.insertRows("S", 300, 2);
        assertThat(e.getFormula("S", 302, 0)).isEqualTo("=A300+1");
        assertThat(e.getFormula("S", 303, 0)).isEqualTo("=A303+1");
        assertThat(e.getFormula("S", 1001, 1)).isEqualTo("=SUM(A$1:A1002)");
        e.setCell("S", 300, 0, 0.5);
        assertThat(e.getValue("S", 300, 0)).isEqualTo(NumberValue.of(0.5));
        assertThat(e.getValue("S", 302, 0)).isEqualTo(NumberValue.of(301)); // =A300+1
        assertThat(e.getValue("S", 303, 0)).isEqualTo(NumberValue.of(302)); // =A303+1, the former A301
        assertThat(e.getValue("S", 1001, 1)).isEqualTo(NumberValue.of(500_500.5)); // the new cell is in the sum
    }

    @Test
    void shapeKeysMatchCopiedFormulasOnly() {
        assertThat(FormulaParser.shapeKey("=A1+1", 1, 0)).isEqualTo(FormulaParser.shapeKey("=A7+1", 7, 0));
        assertThat(FormulaParser.shapeKey("=$A$1+B1", 0, 2)).isEqualTo(FormulaParser.shapeKey("=$A$1+C4", 3, 3));
        assertThat(FormulaParser.shapeKey("=a1+1", 1, 0)).isEqualTo(FormulaParser.shapeKey("=A2+1", 2, 0));
        // not copies of each other
        assertThat(FormulaParser.shapeKey("=A1+1", 1, 0)).isNotEqualTo(FormulaParser.shapeKey("=A1+1", 2, 0));
        assertThat(FormulaParser.shapeKey("=$A$1", 1, 0)).isNotEqualTo(FormulaParser.shapeKey("=$A$2", 2, 0));
        assertThat(FormulaParser.shapeKey("=A$1", 1, 0)).isNotEqualTo(FormulaParser.shapeKey("=A$2", 2, 0));
        // names, function names, sheet names and strings are text, not references
        assertThat(FormulaParser.shapeKey("=LOG10(2)", 0, 0)).isNotEqualTo(FormulaParser.shapeKey("=LOG11(2)", 1, 0));
        assertThat(FormulaParser.shapeKey("=Q4!A1", 0, 0)).isNotEqualTo(FormulaParser.shapeKey("=Q5!A2", 1, 0));
        assertThat(FormulaParser.shapeKey("=\"A1\"&A1", 0, 0)).isNotEqualTo(FormulaParser.shapeKey("=\"A2\"&A2", 1, 0));
        assertThat(FormulaParser.shapeKey("=ABCD1", 0, 0)).isNotEqualTo(FormulaParser.shapeKey("=ABCD2", 1, 0));
        assertThat(FormulaParser.shapeKey("='My A1'!B2", 0, 0)).isEqualTo(FormulaParser.shapeKey("='My A1'!B3", 1, 0));
        // forms without a shape: whole rows or columns, stray ':', NUL
        assertThat(FormulaParser.shapeKey("=SUM(A:A)", 0, 0)).isNull();
        assertThat(FormulaParser.shapeKey("=SUM(1:3)", 0, 0)).isNull();
        assertThat(FormulaParser.shapeKey("=SUM($1:$3)", 0, 0)).isNull();
        assertThat(FormulaParser.shapeKey("=SUM(A1:B)", 0, 0)).isNull();
        assertThat(FormulaParser.shapeKey("=\"a\u0000\"", 0, 0)).isNull();
        assertThat(FormulaParser.shapeKey("=\"unterminated", 0, 0)).isNull();
    }

    @Test
    void aMixedAreaWhoseCornersMeetAfterTheShiftIsParsedOnItsOwn() {
        // $A$5:A3 in row 1 is A3:$A$5 once sorted; copied to row 3 it reads $A$5:A5, whose corners
        // tie and keep their text order: the shifted tree would print A5:$A$5.
        Object[][] rows = new Object[8][];
        for (int r = 0; r < 8; r++) {
            rows[r] = new Object[] {(double) r, "=SUM($A$5:A" + (r + 2) + ")"};
        }
        FormulaEngine e = FormulaEngine.builder().sheet("S", rows).build();
        for (int r = 0; r < 8; r++) {
            String text = (String) rows[r][1];
            assertThat(e.getFormula("S", r, 1)).isEqualTo(FormulaPrinter.print(FormulaParser.parse(text)));
        }
        assertThat(e.getValue("S", 3, 1)).isEqualTo(NumberValue.of(4));
        assertThat(e.getValue("S", 0, 1)).isEqualTo(NumberValue.of(1 + 2 + 3 + 4));
    }
}
