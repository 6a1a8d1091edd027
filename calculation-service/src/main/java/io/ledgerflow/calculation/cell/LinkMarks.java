package io.ledgerflow.calculation.cell;

import io.ledgerflow.calculation.document.Operation;
import java.util.List;
import java.util.UUID;

/**
 * The marks of cells that hold a value set by a link. A user's write replaces what a link put
 * there, so the edit path clears their marks; a read shows them. Owned by {@code cell}, kept by {@code linkedvalue}
 * (which applies linked values through {@link Cells}): the edit path does not depend on it.
 */
public interface LinkMarks {

    /** Forgets the marks of these cells: they no longer reflect a link. */
    void forget(UUID workbookId, List<Operation.CellEdit> cells);

    /** The cells of a block holding a link's value now, with what linking last said of each link. */
    List<LinkedCell> in(UUID workbookId, String sheet, int row1, int col1, int row2, int col2);
}
