package io.ledgerflow.formula.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.FormulaEngine;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The specialised arithmetic nodes ({@code OpNodes.arith}: two cells, a cell or a node and a
 * number literal) must compute exactly what the general {@code Arith} node computes, on both
 * the fast path ({@code evalDouble}) and the general one ({@code eval}), for every kind of
 * operand value.
 */
class ArithFastPathTest {

    private static final List<Value> OPERANDS = List.of(
            NumberValue.of(0),
            NumberValue.of(1),
            NumberValue.of(-1),
            NumberValue.of(2),
            NumberValue.of(0.5),
            NumberValue.of(-2.5),
            NumberValue.of(1e308),
            NumberValue.of(-1e-308),
            NumberValue.of(3.0000000000000004),
            EmptyValue.INSTANCE,
            new TextValue("7"),
            new TextValue("x"),
            BooleanValue.TRUE,
            ErrorValue.NA,
            ErrorValue.DIV0);

    private static final double[] LITERALS = {0, 1, -1, 2, 0.5, -3, 1e308, 1e-300, Double.POSITIVE_INFINITY};

    /** Cell values by id, nothing else. */
    private static final class Cells implements EvalContext {
        final Value[] values = new Value[3];

        @Override
        public Grid rangeGrid(Object rangeHandle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Value cellById(int id) {
            return values[id];
        }

        @Override
        public double numberById(int id) {
            Value v = values[id];
            return v instanceof NumberValue n ? n.value() : v == EmptyValue.INSTANCE ? 0.0 : Double.NaN;
        }

        @Override
        public String sheetName(int sheet) {
            return "S";
        }

        @Override
        public int hostSheet() {
            return 0;
        }

        @Override
        public int hostRow() {
            return 5;
        }

        @Override
        public int hostCol() {
            return 5;
        }

        @Override
        public LocalDate today() {
            return LocalDate.of(2026, 1, 1);
        }

        @Override
        public Grid area(Reference ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Value cell(int sheet, int row, int col) {
            throw new UnsupportedOperationException();
        }
    }

    private static CellNode cell(int id) {
        return new CellNode(id, 0, id, 0, false, false, false);
    }

    private static void assertSame(OpNodes.Arith general, OpNodes.Arith special, Cells ctx) {
        assertThat(special.getClass()).isNotEqualTo(OpNodes.Arith.class);
        double g = general.evalDouble(ctx);
        double s = special.evalDouble(ctx);
        assertThat(Double.doubleToRawLongBits(s))
                .as("evalDouble %s %s", ctx.values[0], ctx.values[1])
                .isEqualTo(Double.doubleToRawLongBits(g));
        assertThat(special.eval(ctx)).isEqualTo(general.eval(ctx));
        assertThat(special.toExpr(i -> "S", 0)).isEqualTo(general.toExpr(i -> "S", 0));
    }

    @Test
    void specialisedNodesComputeWhatTheGeneralNodeComputes() {
        String[] ops = {"+", "-", "*", "/", "^"};
        Cells ctx = new Cells();
        for (int kind = 0; kind < ops.length; kind++) {
            String op = ops[kind];
            for (Value x : OPERANDS) {
                for (Value y : OPERANDS) {
                    ctx.values[0] = x;
                    ctx.values[1] = y;
                    assertSame(
                            new OpNodes.Arith(op, cell(0), cell(1), kind),
                            OpNodes.arith(op, cell(0), cell(1), kind),
                            ctx);
                }
                for (double lit : LITERALS) {
                    ConstNode k = new ConstNode(NumberValue.of(lit), new Expr.Num(lit));
                    ctx.values[0] = x;
                    assertSame(new OpNodes.Arith(op, cell(0), k, kind), OpNodes.arith(op, cell(0), k, kind), ctx);
                    Node inner = OpNodes.binary("*", cell(0), cell(0));
                    assertSame(new OpNodes.Arith(op, inner, k, kind), OpNodes.arith(op, inner, k, kind), ctx);
                }
            }
        }
    }

    /**
     * A grid of (up+left)/2 and a chain of +1 (the specialised nodes, numbers recalculated without
     * a value object): values after edits, including non-numbers and a value read in between (a
     * cached NumberValue must not be returned once the number changed), match a fresh engine.
     */
    @Test
    void numbersRecalculatedOnTheFastPathAreReadBackCorrectly() {
        Random rnd = new Random(42);
        int n = 12;
        Object[][] rows = new Object[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                rows[r][c] = r == 0 && c == 0
                        ? 1.0
                        : r == 0
                                ? "=" + name(r, c - 1) + "+1"
                                : c == 0
                                        ? "=" + name(r - 1, c) + "*2"
                                        : "=(" + name(r - 1, c) + "+" + name(r, c - 1) + ")/2";
            }
        }
        FormulaEngine engine = FormulaEngine.builder().sheet("S", rows).build();
        Object[] edits = {3.0, "text", 0.25, null, -7.5, true, 3.0, 1e300, 42.0};
        for (Object e : edits) {
            engine.getValue("S", n - 1, n - 1); // caches a NumberValue for the read cells
            engine.getValue("S", n / 2, n / 3);
            rows[0][0] = e;
            engine.setCell("S", 0, 0, e);
            int r = rnd.nextInt(n);
            int c = rnd.nextInt(n);
            FormulaEngine fresh = FormulaEngine.builder().sheet("S", rows).build();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(engine.getValue("S", i, j))
                            .as("%s at %d,%d after %s", name(i, j), i, j, e)
                            .isEqualTo(fresh.getValue("S", i, j));
                }
            }
            assertThat(engine.getValue("S", r, c)).isEqualTo(fresh.getValue("S", r, c));
        }
        assertThat(engine.getValue("S", 0, 1)).isEqualTo(NumberValue.of(43));
    }

    private static String name(int r, int c) {
        return io.ledgerflow.formula.parse.A1.cellName(r, c);
    }
}
