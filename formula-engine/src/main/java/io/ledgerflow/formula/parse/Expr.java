package io.ledgerflow.formula.parse;

import io.ledgerflow.formula.value.ErrorValue;
import java.util.List;

/**
 * The syntax tree of a formula. References hold absolute 0-based coordinates (A1 is row 0, column
 * 0) plus the {@code $} flags, and an optional sheet name (null: the formula's own sheet).
 */
public sealed interface Expr {

    /** Largest row index (Excel: 1,048,576 rows). */
    int MAX_ROW = 1_048_575;

    /** Largest column index (Excel: XFD, 16,384 columns). */
    int MAX_COL = 16_383;

    record Num(double value) implements Expr {}

    record Str(String value) implements Expr {}

    record Bool(boolean value) implements Expr {}

    record Err(ErrorValue error) implements Expr {}

    /** An omitted function argument, as in {@code IF(A1,,1)}. */
    record Missing() implements Expr {}

    record CellRef(String sheet, int row, int col, boolean rowAbs, boolean colAbs) implements Expr {}

    /** The shape of an area reference: a block of cells, whole columns, or whole rows. */
    enum AreaKind {
        CELLS,
        COLUMNS,
        ROWS
    }

    /**
     * A rectangular area. For {@link AreaKind#COLUMNS} the rows span 0..MAX_ROW, for
     * {@link AreaKind#ROWS} the columns span 0..MAX_COL.
     */
    record AreaRef(
            String sheet,
            int row1,
            int col1,
            int row2,
            int col2,
            boolean row1Abs,
            boolean col1Abs,
            boolean row2Abs,
            boolean col2Abs,
            AreaKind kind)
            implements Expr {}

    record Name(String name) implements Expr {}

    /** An array constant {@code {1,2;3,4}}: rows of literals (Num, Str, Bool, Err), all as long. */
    record Array(List<List<Expr>> rows) implements Expr {
        public Array {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    record Unary(char op, Expr operand) implements Expr {}

    record Percent(Expr operand) implements Expr {}

    record Binary(String op, Expr left, Expr right) implements Expr {}

    /**
     * The spill range of the dynamic array anchored at a cell: {@code A1#} (stored in files as
     * {@code ANCHORARRAY(A1)}).
     */
    record SpillRef(CellRef anchor) implements Expr {}

    /**
     * An array formula, written {@code {=...}}: the whole formula is evaluated over arrays (operators
     * and scalar functions element by element) and its result spills from the cell it is in. Only at
     * the top of a formula.
     */
    record ArrayFormula(Expr formula) implements Expr {}

    record Call(String name, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * A call of what an expression yields, a function value: {@code LAMBDA(x,x+1)(2)}, or a
     * lambda that a call returns called in turn ({@code MAKEADDER(1)(2)}).
     */
    record Apply(Expr function, List<Expr> args) implements Expr {
        public Apply {
            args = List.copyOf(args);
        }
    }
}
