package io.ledgerflow.linking.reference;

import java.util.Locale;

/**
 * A structural edit of a workbook as calculation publishes it (WorkbookStructureChanged), and how
 * it moves a block of cells, as Excel moves references: rows or columns inserted before a block
 * push it down or right; deleted ones pull it back; a renamed sheet renames; a moved block takes
 * the references inside it along. A block that is deleted (its sheet removed, all its rows or
 * columns deleted, or overwritten by a moved block) has no place any more ({@link Result#gone});
 * one that an edit would split or shrink changes shape ({@link Result#reshaped}).
 *
 * @param operation {@code rename-sheet}, {@code remove-sheet}, {@code insert-rows},
 *     {@code delete-rows}, {@code insert-columns}, {@code delete-columns}, {@code move-range}
 */
public record StructureEdit(
        String operation, String sheet, String toSheet, Integer at, Integer count, Area from, Area to) {

    /** Where a block is after the edit: moved (or unchanged), gone, or reshaped. */
    public record Result(Area area, boolean gone, boolean reshaped) {

        static Result at(Area area) {
            return new Result(area, false, false);
        }

        static final Result GONE = new Result(null, true, false);
        static final Result RESHAPED = new Result(null, false, true);
    }

    public Result apply(Area area) {
        boolean here = sheet != null && area.sheetKey().equals(Area.sheetKey(sheet));
        return switch (operation.toLowerCase(Locale.ROOT)) {
            case "rename-sheet" ->
                Result.at(here ? new Area(toSheet, area.row1(), area.col1(), area.row2(), area.col2()) : area);
            case "remove-sheet" -> here ? Result.GONE : Result.at(area);
            case "insert-rows" -> here ? insert(area, true) : Result.at(area);
            case "insert-columns" -> here ? insert(area, false) : Result.at(area);
            case "delete-rows" -> here ? delete(area, true) : Result.at(area);
            case "delete-columns" -> here ? delete(area, false) : Result.at(area);
            case "move-range" -> move(area);
            default -> Result.at(area); // add-sheet, reorder-sheets: references stay
        };
    }

    private Result insert(Area a, boolean rows) {
        int first = rows ? a.row1() : a.col1();
        int last = rows ? a.row2() : a.col2();
        if (at > last) {
            return Result.at(a);
        }
        if (at > first) {
            return Result.RESHAPED; // inserted inside the block: Excel would grow it
        }
        return Result.at(shift(a, rows, count));
    }

    private Result delete(Area a, boolean rows) {
        int first = rows ? a.row1() : a.col1();
        int last = rows ? a.row2() : a.col2();
        int end = at + count - 1;
        if (end < first) {
            return Result.at(shift(a, rows, -count));
        }
        if (at > last) {
            return Result.at(a);
        }
        if (at <= first && end >= last) {
            return Result.GONE;
        }
        return Result.RESHAPED;
    }

    private Result move(Area a) {
        Area target =
                new Area(to.sheet(), to.row1(), to.col1(), to.row1() + from.rows() - 1, to.col1() + from.cols() - 1);
        if (contains(from, a)) {
            int dr = target.row1() - from.row1();
            int dc = target.col1() - from.col1();
            return Result.at(new Area(target.sheet(), a.row1() + dr, a.col1() + dc, a.row2() + dr, a.col2() + dc));
        }
        if (a.overlaps(from)) {
            return Result.RESHAPED; // part of the block moved away
        }
        if (contains(target, a)) {
            return Result.GONE; // overwritten by the pasted block
        }
        return a.overlaps(target) ? Result.RESHAPED : Result.at(a);
    }

    private static boolean contains(Area outer, Area inner) {
        return outer.sheetKey().equals(inner.sheetKey())
                && outer.row1() <= inner.row1()
                && inner.row2() <= outer.row2()
                && outer.col1() <= inner.col1()
                && inner.col2() <= outer.col2();
    }

    private static Area shift(Area a, boolean rows, int by) {
        return rows
                ? new Area(a.sheet(), a.row1() + by, a.col1(), a.row2() + by, a.col2())
                : new Area(a.sheet(), a.row1(), a.col1() + by, a.row2(), a.col2() + by);
    }
}
