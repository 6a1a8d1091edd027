package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.FunctionContext;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.value.Value;

/** The engine as seen by compiled nodes while one cell is evaluated (one instance per thread). */
public interface EvalContext extends FunctionContext {

    /** A grid over a range node of the dependency graph. */
    Grid rangeGrid(Object rangeHandle);

    /** The value of the cell with this node id (ids are fixed when a formula is compiled). */
    Value cellById(int id);

    /** The value of a cell id as a double: numbers, 0 for empty, NaN otherwise. */
    double numberById(int id);

    /**
     * The array a dynamic-array formula's cell spills (its whole result, {@code A1#}); a cell
     * without one as 1x1; a blocked spill as {@code #REF!}.
     */
    default Grid spill(int cellId) {
        return Grid.of(cellById(cellId));
    }

    /** The area a cell's array spills over (its own cell when it has none), or null when blocked. */
    default Reference spillArea(int cellId) {
        return null;
    }

    /** Sheet names for printing. */
    String sheetName(int sheet);
}
