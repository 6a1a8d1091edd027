package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.FunctionContext;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.value.Value;

/** The engine as seen by compiled nodes while one cell is evaluated (one instance per thread). */
public interface EvalContext extends FunctionContext {

    /** A grid over a range node of the dependency graph. */
    Grid rangeGrid(Object rangeHandle);

    /** The value of the cell with this node id (ids are fixed when a formula is compiled). */
    Value cellById(int id);

    /** The value of a cell id as a double: numbers, 0 for empty, NaN otherwise. */
    double numberById(int id);

    /** Sheet names for printing. */
    String sheetName(int sheet);
}
