package io.ledgerflow.formula.eval;

import io.ledgerflow.formula.function.FunctionContext;
import io.ledgerflow.formula.function.Grid;

/** The engine as seen by compiled nodes while one cell is evaluated (one instance per thread). */
public interface EvalContext extends FunctionContext {

    /** A grid over a range node of the dependency graph. */
    Grid rangeGrid(Object rangeHandle);

    /** Sheet names for printing. */
    String sheetName(int sheet);
}
