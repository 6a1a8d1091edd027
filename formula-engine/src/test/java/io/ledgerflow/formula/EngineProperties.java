package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties over random small workbooks (two sheets, numbers, texts and formulas using ranges,
 * conditional aggregates, lookups, cross-sheet references and cycles) and random edit sequences.
 * The random workbook comes from a seed so failures are reproducible from jqwik's report.
 */
class EngineProperties {

    static final int ROWS = 6;
    static final int COLS = 4;
    static final String[] SHEETS = {"S1", "Other Sheet"};

    /** Random workbook and edits from a seed. */
    static final class Gen {
        final Random rnd;

        Gen(long seed) {
            rnd = new Random(seed);
        }

        Object content() {
            int k = rnd.nextInt(10);
            if (k < 3) {
                return (double) (rnd.nextInt(21) - 5);
            }
            if (k == 3) {
                return rnd.nextBoolean() ? "a" : "B";
            }
            if (k == 4) {
                return null;
            }
            return "=" + expr(2);
        }

        String cell() {
            String ref = A1.cellName(rnd.nextInt(ROWS), rnd.nextInt(COLS));
            return rnd.nextInt(5) == 0 ? "'Other Sheet'!" + ref : ref;
        }

        String range() {
            int r1 = rnd.nextInt(ROWS);
            int r2 = r1 + rnd.nextInt(ROWS - r1);
            int c1 = rnd.nextInt(COLS);
            int c2 = c1 + rnd.nextInt(COLS - c1);
            String prefix = rnd.nextInt(5) == 0 ? "'Other Sheet'!" : "";
            if (rnd.nextInt(8) == 0) {
                return prefix + A1.columnName(c1) + ":" + A1.columnName(c2);
            }
            return prefix + A1.cellName(r1, c1) + ":" + A1.cellName(r2, c2);
        }

        String expr(int depth) {
            int k = depth <= 0 ? rnd.nextInt(3) : rnd.nextInt(16);
            return switch (k) {
                case 0 -> Integer.toString(rnd.nextInt(10));
                case 1, 2 -> cell();
                case 3 -> expr(depth - 1) + "+" + expr(depth - 1);
                case 4 -> expr(depth - 1) + "*" + expr(depth - 1);
                case 5 -> "(" + expr(depth - 1) + ")/" + expr(depth - 1);
                case 6 -> "SUM(" + range() + ")";
                case 7 -> "SUMIF(" + range() + ",\">" + rnd.nextInt(5) + "\")";
                case 8 -> "COUNTIF(" + range() + "," + rnd.nextInt(5) + ")";
                case 9 -> "IF(" + expr(depth - 1) + ">2," + expr(depth - 1) + "," + expr(depth - 1) + ")";
                case 10 -> "IFERROR(" + expr(depth - 1) + ",-1)";
                case 11 -> "VLOOKUP(" + rnd.nextInt(5) + ",A1:B" + ROWS + ",2,0)";
                case 12 -> "SUMIF(A1:A" + ROWS + "," + cell() + ",B1:B" + ROWS + ")";
                case 13 -> "MAX(" + range() + ")&\"x\"";
                case 14 -> "ROUND(" + expr(depth - 1) + "/3,2)";
                default -> "SUMIFS(B1:B" + ROWS + ",A1:A" + ROWS + ",\"<>a\")";
            };
        }

        Map<String, Object[][]> workbook() {
            Map<String, Object[][]> m = new LinkedHashMap<>();
            for (String s : SHEETS) {
                Object[][] rows = new Object[ROWS][COLS];
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLS; c++) {
                        rows[r][c] = content();
                    }
                }
                m.put(s, rows);
            }
            return m;
        }
    }

    static FormulaEngine engine(Map<String, Object[][]> sheets, int threads) {
        FormulaEngine.Builder b = FormulaEngine.builder().parallelism(threads).today(LocalDate.of(2024, 1, 1));
        sheets.forEach(b::sheet);
        return b.build();
    }

    /** Contents of an engine as build input (formulas as their canonical text). */
    static Map<String, Object[][]> contents(FormulaEngine e, int rows, int cols) {
        Map<String, Object[][]> m = new LinkedHashMap<>();
        for (String s : e.sheetNames()) {
            Object[][] a = new Object[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    a[r][c] = e.getContent(s, r, c);
                }
            }
            m.put(s, a);
        }
        return m;
    }

    static void assertSameValues(FormulaEngine actual, FormulaEngine expected, int rows, int cols) {
        for (String s : expected.sheetNames()) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    Value want = expected.getValue(s, r, c);
                    assertThat(actual.getValue(s, r, c))
                            .as("%s!%s", s, A1.cellName(r, c))
                            .isEqualTo(want);
                }
            }
        }
    }

    /** A seed that once failed: a range on a cycle only through its chain read #CYCLE! as its first error. */
    @Example
    void incrementalRecalculationEqualsFullRecalculationForRangeChainCycle() {
        incrementalRecalculationEqualsFullRecalculation(-4398632820147800694L);
    }

    @Property(tries = 150)
    void incrementalRecalculationEqualsFullRecalculation(@ForAll long seed) {
        Gen g = new Gen(seed);
        FormulaEngine e = engine(g.workbook(), 1 + g.rnd.nextInt(2));
        int edits = 1 + g.rnd.nextInt(12);
        for (int i = 0; i < edits; i++) {
            String sheet = SHEETS[g.rnd.nextInt(SHEETS.length)];
            if (g.rnd.nextInt(4) == 0) {
                Object[][] block = {{g.content(), g.content()}, {g.content(), g.content()}};
                e.setBlock(sheet, g.rnd.nextInt(ROWS - 1), g.rnd.nextInt(COLS - 1), block);
            } else {
                e.setCell(sheet, g.rnd.nextInt(ROWS), g.rnd.nextInt(COLS), g.content());
            }
            FormulaEngine full = engine(contents(e, ROWS, COLS), 1);
            assertSameValues(e, full, ROWS, COLS);
        }
    }

    @Property(tries = 100)
    void changeSetListsExactlyTheCellsWhoseValueChanged(@ForAll long seed) {
        Gen g = new Gen(seed);
        FormulaEngine e = engine(g.workbook(), 1);
        List<Value> before = new ArrayList<>();
        for (String s : SHEETS) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    before.add(e.getValue(s, r, c));
                }
            }
        }
        ChangeSet ch = e.setCell(SHEETS[0], g.rnd.nextInt(ROWS), g.rnd.nextInt(COLS), g.content());
        int i = 0;
        for (String s : SHEETS) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    boolean changed = !before.get(i++).equals(e.getValue(s, r, c));
                    assertThat(ch.contains(new CellAddress(s, r, c)))
                            .as("%s!%s", s, A1.cellName(r, c))
                            .isEqualTo(changed);
                }
            }
        }
    }

    @Property(tries = 100)
    void insertThenDeleteRowRestoresEveryFormulaAndValue(@ForAll long seed) {
        Gen g = new Gen(seed);
        FormulaEngine e = engine(g.workbook(), 1);
        Map<String, Object[][]> before = contents(e, ROWS, COLS);
        FormulaEngine reference = engine(before, 1);
        String sheet = SHEETS[g.rnd.nextInt(SHEETS.length)];
        int at = g.rnd.nextInt(ROWS + 1);
        int n = 1 + g.rnd.nextInt(3);
        boolean rows = g.rnd.nextBoolean();
        if (rows) {
            e.insertRows(sheet, at, n);
            e.deleteRows(sheet, at, n);
        } else {
            e.insertColumns(sheet, at, n);
            e.deleteColumns(sheet, at, n);
        }
        Map<String, Object[][]> after = contents(e, ROWS, COLS);
        for (String s : SHEETS) {
            for (int r = 0; r < ROWS; r++) {
                assertThat(after.get(s)[r]).as("%s row %d", s, r).containsExactly(before.get(s)[r]);
            }
        }
        assertSameValues(e, reference, ROWS, COLS);
    }

    @Property(tries = 100)
    void multiThreadedRecalculationEqualsSingleThreaded(@ForAll long seed) {
        Gen g = new Gen(seed);
        Map<String, Object[][]> wb = g.workbook();
        FormulaEngine one = engine(wb, 1);
        FormulaEngine two = engine(wb, 2);
        for (int i = 0; i < 5; i++) {
            Object content = g.content();
            int r = g.rnd.nextInt(ROWS);
            int c = g.rnd.nextInt(COLS);
            one.setCell(SHEETS[0], r, c, content);
            two.setCell(SHEETS[0], r, c, content);
        }
        assertSameValues(two, one, ROWS, COLS);
    }
}
