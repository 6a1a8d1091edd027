package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Conditional aggregates with several criteria kept up to date by deltas ({@code IncrementalIfs})
 * equal a full recalculation: a random ledger with SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS and
 * MINIFS summaries (equality, comparison, wildcard and not-equal criteria, some read from cells)
 * goes through random edits of rows (below the ledger too), criteria cells and summaries over
 * whole ranges, half ranges and whole columns; after each edit every summary
 * equals the value of a fresh engine loaded with the same contents (numbers to 1e-9 relative:
 * sums by deltas round differently from a scan).
 */
class ConditionalAggregateProperties {

    static final String[] CATS = {"north", "south", "east", "nort", "", "5"};
    static final String[] FUNCS = {"SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS"};

    @Property(tries = 40)
    void incrementalEqualsFullRecalculation(@ForAll long seed) {
        Random rnd = new Random(seed);
        int rows = 20 + rnd.nextInt(120);
        Object[][] ledger = new Object[rows][3];
        for (int r = 0; r < rows; r++) {
            ledger[r] = row(rnd);
        }
        int summaries = 6 + rnd.nextInt(20);
        Object[][] sum = new Object[summaries][3];
        for (int s = 0; s < summaries; s++) {
            sum[s][0] = CATS[rnd.nextInt(CATS.length)];
            sum[s][1] = (double) rnd.nextInt(10);
            sum[s][2] = summary(rnd, rows, s + 1);
        }
        FormulaEngine engine = FormulaEngine.builder()
                .sheet("L", withEnd(ledger))
                .sheet("S", sum)
                .parallelism(1 + rnd.nextInt(2))
                .build();
        for (int step = 0; step < 25; step++) {
            int k = rnd.nextInt(10);
            if (k < 6) {
                // now and then a row below the ledger: whole columns grow
                int r = rnd.nextInt(20) == 0 ? rows + rnd.nextInt(3) : rnd.nextInt(rows);
                if (r >= rows) {
                    ledger = java.util.Arrays.copyOf(ledger, r + 1);
                    for (int i = rows; i <= r; i++) {
                        ledger[i] = new Object[3];
                    }
                    rows = r + 1;
                }
                int c = rnd.nextInt(3);
                Object v = row(rnd)[c];
                ledger[r][c] = v;
                engine.setCell("L", r, c, v == null ? "" : v);
            } else if (k < 8) {
                int s = rnd.nextInt(summaries);
                Object v = rnd.nextBoolean() ? CATS[rnd.nextInt(CATS.length)] : (Object) (double) rnd.nextInt(10);
                int c = rnd.nextInt(2);
                sum[s][c] = v;
                engine.setCell("S", s, c, v);
            } else if (k < 9) {
                int s = rnd.nextInt(summaries);
                sum[s][2] = summary(rnd, rows, s + 1);
                engine.setCell("S", s, 2, sum[s][2]);
            } else {
                int r = rnd.nextInt(rows);
                Object[] v = row(rnd);
                ledger[r] = v;
                engine.setBlock("L", r, 0, new Object[][] {{v[0] == null ? "" : v[0], v[1], v[2]}});
            }
            FormulaEngine fresh = FormulaEngine.builder()
                    .sheet("L", withEnd(ledger))
                    .sheet("S", sum)
                    .parallelism(1)
                    .build();
            for (int s = 0; s < summaries; s++) {
                Value got = engine.getValue("S", s, 2);
                Value want = fresh.getValue("S", s, 2);
                String where = "seed " + seed + " step " + step + " " + sum[s][2];
                if (want instanceof NumberValue w && got instanceof NumberValue g) {
                    assertThat(g.value())
                            .as(where)
                            .isCloseTo(
                                    w.value(),
                                    org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(w.value()))));
                } else {
                    assertThat(got).as(where).isEqualTo(want);
                }
            }
        }
    }

    /**
     * The ledger and a text in D1000: whole columns then end at row 1000 in both engines (they
     * end at a sheet's last cell, and an edit to "" leaves a cell where a fresh load has none).
     */
    static Object[][] withEnd(Object[][] ledger) {
        Object[][] sheet = java.util.Arrays.copyOf(ledger, 1000);
        for (int r = ledger.length; r < 1000; r++) {
            sheet[r] = new Object[4];
        }
        sheet[999][3] = "end";
        return sheet;
    }

    static Object[] row(Random rnd) {
        Object cat = rnd.nextInt(8) == 0 ? null : CATS[rnd.nextInt(CATS.length)];
        Object n = (double) rnd.nextInt(10);
        int a = rnd.nextInt(12);
        Object amount = a == 0 ? "text" : a == 1 ? null : a == 2 ? "=1/0" : (Object) (rnd.nextInt(2000) / 4.0 - 100);
        return new Object[] {cat, n, amount};
    }

    static String criterion(Random rnd, String cellRef) {
        return switch (rnd.nextInt(8)) {
            case 0 -> cellRef;
            case 1 -> "\">\"&" + cellRef;
            case 2 -> "\"<=\"&" + cellRef;
            case 3 -> "\"<>\"&" + cellRef;
            case 4 -> "\"n*\"";
            case 5 -> "\"<>\"";
            case 6 -> "\">=" + rnd.nextInt(10) + "\"";
            default -> "\"north\"";
        };
    }

    static String summary(Random rnd, int rows, int row) {
        String f = FUNCS[rnd.nextInt(FUNCS.length)];
        // whole ranges, a first half (on which the whole range's node is then built: its change
        // log must cover the half's rows too) or whole columns (which grow with the sheet)
        int shape = rnd.nextInt(4);
        String end = shape == 3 ? "" : "$" + (shape == 2 ? Math.max(1, rows / 2) : rows);
        String start = shape == 3 ? "" : "$1";
        String cats = "L!$A" + start + ":$A" + end;
        String nums = "L!$B" + start + ":$B" + end;
        String amounts = "L!$C" + start + ":$C" + end;
        String c1 = criterion(rnd, "$A" + row);
        String c2 = criterion(rnd, "$B" + row);
        String criteria =
                rnd.nextBoolean() ? cats + "," + c1 + "," + nums + "," + c2 : nums + "," + c2 + "," + cats + "," + c1;
        return f.equals("COUNTIFS") ? "=COUNTIFS(" + criteria + ")" : "=" + f + "(" + amounts + "," + criteria + ")";
    }
}
