package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.eval.ArrayOps;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.graph.IntList;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dynamic arrays of one workbook: which formula cells (anchors) spill an array, over which cells,
 * and which are blocked ({@code #SPILL!}). See the README, invariant 13.
 *
 * <p>An anchor's array is kept here ({@link Spill#vals}); the anchor's own value is the first
 * element. Each cell of the applied spill area (other than the anchor) is a real cell without
 * content whose {@link #owner} is the anchor and which has an edge anchor → cell, so everything
 * that reads it — cell references, range nodes — is ordered after the anchor like any dependent.
 * The area changes only between recalculation rounds ({@link Workbook#recalcSpilling}): an
 * anchor whose array changes shape is noted during the recalculation and its area is moved
 * afterwards, single-threaded; the cells that left or joined the area seed the next round.
 */
final class Spills {

    /** Largest array a formula spills (cells); larger ones are #SPILL!, as off the sheet. */
    static final int MAX_CELLS = 1 << 20;

    /** One anchor's array: the last evaluated shape and values, and the area applied. */
    static final class Spill {
        Value[][] vals = {{EmptyValue.INSTANCE}};
        int rows = 1;
        int cols = 1;
        /** Spill cells exist for appliedRows x appliedCols. */
        boolean applied;

        int appliedRows;
        int appliedCols;
        boolean blocked;
    }

    private final Workbook wb;
    /** By node id: the anchor's spill state (null: not an anchor). */
    Spill[] spillOf = new Spill[1024];
    /** By node id: anchor id + 1 of the spill the cell is part of, 0 for none. */
    int[] owner = new int[1024];
    /** Anchors whose array changed shape in the current recalculation (guarded by itself). */
    private final List<Integer> reshaped = new ArrayList<>();
    /** Anchors whose area is not free: re-checked after every edit. */
    private final Set<Integer> blocked = new LinkedHashSet<>();
    /** Cells that left a spill outside a recalculation (an edit): seeds of the next one. */
    final IntList pendingSeeds = new IntList(8);

    Spills(Workbook wb) {
        this.wb = wb;
    }

    void grow(int cap) {
        spillOf = Arrays.copyOf(spillOf, cap);
        owner = Arrays.copyOf(owner, cap);
    }

    /**
     * Evaluates an anchor's array (during a recalculation, possibly on several threads: it
     * touches only the anchor's own state and the synchronised {@link #reshaped} list). Returns
     * the anchor's value; {@code changed[0]} tells whether any element changed.
     */
    Value evaluate(int id, Grid g, boolean[] changed) {
        Value[][] v;
        long size = (long) g.rows() * g.cols();
        if (size == 0) {
            v = new Value[][] {{ErrorValue.CALC}};
        } else if (size > MAX_CELLS) {
            v = new Value[][] {{ErrorValue.SPILL}};
        } else {
            v = ArrayOps.materialize(g);
        }
        Spill sp = spillOf[id];
        if (sp == null) {
            sp = new Spill();
            spillOf[id] = sp;
        }
        int rows = v.length;
        int cols = v[0].length;
        changed[0] = !Arrays.deepEquals(sp.vals, v);
        boolean sameAsBefore = sp.rows == rows && sp.cols == cols;
        sp.vals = v;
        sp.rows = rows;
        sp.cols = cols;
        if (sp.blocked) {
            if (!sameAsBefore) {
                note(id); // another shape may fit
            }
            return ErrorValue.SPILL;
        }
        if (!sp.applied || sp.appliedRows != rows || sp.appliedCols != cols) {
            if (rows == 1 && cols == 1 && (!sp.applied || (sp.appliedRows == 1 && sp.appliedCols == 1))) {
                sp.applied = true; // a single value: no area to move
                sp.appliedRows = 1;
                sp.appliedCols = 1;
            } else {
                note(id);
            }
        }
        return v[0][0];
    }

    private void note(int id) {
        synchronized (reshaped) {
            reshaped.add(id);
        }
    }

    /** The value of a spill cell: its element of the owner's array (empty past it). */
    Value valueOf(int id) {
        int a = owner[id] - 1;
        Spill sp = spillOf[a];
        if (sp == null || sp.blocked) {
            return EmptyValue.INSTANCE;
        }
        int r = wb.cellRow(id) - wb.cellRow(a);
        int c = wb.cellCol(id) - wb.cellCol(a);
        return r < sp.rows && c < sp.cols ? sp.vals[r][c] : EmptyValue.INSTANCE;
    }

    boolean isSpillCell(int id) {
        return id >= 0 && owner[id] != 0;
    }

    /** The array an anchor spills, as {@code A1#} sees it. */
    Grid grid(int id) {
        Spill sp = spillOf[id];
        if (sp == null) {
            return Grid.of(wb.value(id));
        }
        return sp.blocked ? Grid.of(ErrorValue.REF) : Grid.of(sp.vals);
    }

    /** The area an anchor spills over, or null when blocked. */
    Reference area(int id) {
        Spill sp = spillOf[id];
        int s = wb.cellSheet(id);
        int r = wb.cellRow(id);
        int c = wb.cellCol(id);
        if (sp == null) {
            return new Reference(s, r, c, r, c);
        }
        return sp.blocked ? null : new Reference(s, r, c, r + sp.rows - 1, c + sp.cols - 1);
    }

    /** {rows, cols} of an anchor's applied spill area, or null when the cell spills nothing. */
    int[] appliedArea(int id) {
        Spill sp = id < 0 ? null : spillOf[id];
        return sp == null || !sp.applied ? null : new int[] {sp.appliedRows, sp.appliedCols};
    }

    /** Anchors to look at after a recalculation round: the reshaped and the blocked ones. */
    List<Integer> takeWork() {
        List<Integer> work;
        synchronized (reshaped) {
            work = new ArrayList<>(reshaped);
            reshaped.clear();
        }
        for (Integer b : blocked) {
            if (!work.contains(b)) {
                work.add(b);
            }
        }
        return work;
    }

    /**
     * Moves an anchor's area to its array's shape: clears the old area, then takes the new one if
     * it is free (else the anchor is blocked). Cells whose spill state changed, and the anchor
     * when its state did, go to {@code seeds}.
     */
    void respill(int anchor, IntList seeds) {
        Spill sp = spillOf[anchor];
        if (sp == null || wb.formula(anchor) == null) {
            return;
        }
        if (sp.applied && (sp.appliedRows != sp.rows || sp.appliedCols != sp.cols)) {
            clear(anchor, seeds);
        }
        if (sp.applied) {
            return;
        }
        if (free(anchor, sp.rows, sp.cols)) {
            int s = wb.cellSheet(anchor);
            int r0 = wb.cellRow(anchor);
            int c0 = wb.cellCol(anchor);
            for (int r = 0; r < sp.rows; r++) {
                for (int c = 0; c < sp.cols; c++) {
                    if (r == 0 && c == 0) {
                        continue;
                    }
                    int id = wb.ensureSpillCell(s, r0 + r, c0 + c);
                    owner[id] = anchor + 1;
                    wb.graph.addEdge(anchor, id);
                    seeds.add(id);
                }
            }
            sp.applied = true;
            sp.appliedRows = sp.rows;
            sp.appliedCols = sp.cols;
            if (sp.blocked) {
                sp.blocked = false;
                blocked.remove(anchor);
            }
            seeds.add(anchor);
        } else if (!sp.blocked) {
            sp.blocked = true;
            blocked.add(anchor);
            seeds.add(anchor);
        }
    }

    /** Whether every cell of the area but the anchor exists nowhere, or is empty and no other spill's. */
    private boolean free(int anchor, int rows, int cols) {
        int s = wb.cellSheet(anchor);
        int r0 = wb.cellRow(anchor);
        int c0 = wb.cellCol(anchor);
        if (r0 + rows - 1 > Expr.MAX_ROW || c0 + cols - 1 > Expr.MAX_COL) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int id = wb.cellId(s, r0 + r, c0 + c);
                if (id < 0 || id == anchor || owner[id] == anchor + 1) {
                    continue;
                }
                if (owner[id] != 0 || wb.formula(id) != null || !wb.value(id).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Empties an anchor's applied area (its cells become plain empty cells, seeds of a recalculation). */
    void clear(int anchor, IntList seeds) {
        Spill sp = spillOf[anchor];
        if (sp == null || !sp.applied) {
            return;
        }
        int s = wb.cellSheet(anchor);
        int r0 = wb.cellRow(anchor);
        int c0 = wb.cellCol(anchor);
        int mark = anchor + 1;
        for (int r = 0; r < sp.appliedRows; r++) {
            for (int c = 0; c < sp.appliedCols; c++) {
                int id = wb.cellId(s, r0 + r, c0 + c);
                if (id >= 0 && id != anchor && owner[id] == mark) {
                    owner[id] = -mark; // marked for the edge removal below
                    wb.clearSpilledValue(id);
                    seeds.add(id);
                }
            }
        }
        wb.graph.removeEdges(anchor, d -> owner[d] == -mark);
        for (int r = 0; r < sp.appliedRows; r++) {
            for (int c = 0; c < sp.appliedCols; c++) {
                int id = wb.cellId(s, r0 + r, c0 + c);
                if (id >= 0 && owner[id] == -mark) {
                    owner[id] = 0;
                }
            }
        }
        sp.applied = false;
    }

    /** A formula cell stops being an anchor (its formula is replaced or removed). */
    void drop(int anchor, IntList seeds) {
        if (spillOf[anchor] == null) {
            return;
        }
        clear(anchor, seeds);
        spillOf[anchor] = null;
        blocked.remove(anchor);
    }

    /** A cell of a spill gets content: the spill gives the area up and is checked again (blocked). */
    void invade(int id, IntList seeds) {
        int a = owner[id] - 1;
        if (a < 0) {
            return;
        }
        clear(a, seeds);
        note(a);
    }
}
