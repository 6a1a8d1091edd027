package io.ledgerflow.formula.function;

/** A rectangular area of one sheet, 0-based and inclusive. */
public record Reference(int sheet, int row1, int col1, int row2, int col2) {

    public int rows() {
        return row2 - row1 + 1;
    }

    public int cols() {
        return col2 - col1 + 1;
    }
}
