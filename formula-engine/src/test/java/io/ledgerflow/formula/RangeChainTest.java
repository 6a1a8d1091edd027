package io.ledgerflow.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Range nodes of one chain (same sheet, columns and first row, by last row): ranges acquired in
 * any order (appended, inserted between others), released by edits, re-acquired, with the cells
 * they cover edited in between — every value matches a fresh engine built from the same
 * contents.
 */
class RangeChainTest {

    @Test
    void rangesOfOneChainInAnyOrderMatchAFreshEngine() {
        Random rnd = new Random(11);
        int rows = 30;
        for (int round = 0; round < 20; round++) {
            Object[][] contents = new Object[rows][3];
            for (int r = 0; r < rows; r++) {
                contents[r][0] = (double) rnd.nextInt(10);
            }
            // start with a load that appends growing ranges, as a column of prefix sums does
            for (int r = 0; r < rows; r += 1 + rnd.nextInt(4)) {
                contents[r][1] = "=SUM(A$1:A" + (r + 1) + ")";
            }
            FormulaEngine engine = FormulaEngine.builder().sheet("S", contents).build();
            for (int step = 0; step < 60; step++) {
                int r = rnd.nextInt(rows);
                int col;
                Object content;
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        col = 0;
                        content = rnd.nextInt(4) == 0 ? null : (Object) (double) rnd.nextInt(10);
                    }
                    case 1 -> {
                        col = 1 + rnd.nextInt(2);
                        content = null;
                    }
                    case 2 -> {
                        col = 2;
                        content = "=SUM(A$3:A" + (3 + rnd.nextInt(rows - 2)) + ")*2";
                    }
                    default -> {
                        col = 1 + rnd.nextInt(2);
                        content = "=SUM(A$1:A" + (1 + rnd.nextInt(rows)) + ")+SUM(A1:A" + (1 + rnd.nextInt(rows)) + ")";
                    }
                }
                contents[r][col] = content;
                engine.setCell("S", r, col, content);
                FormulaEngine fresh =
                        FormulaEngine.builder().sheet("S", contents).build();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertThat(engine.getValue("S", i, j))
                                .as("round %d step %d at %d,%d", round, step, i, j)
                                .isEqualTo(fresh.getValue("S", i, j));
                    }
                }
            }
        }
    }
}
