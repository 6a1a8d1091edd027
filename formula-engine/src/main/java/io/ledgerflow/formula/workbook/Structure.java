package io.ledgerflow.formula.workbook;

import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.value.ErrorValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference adjustment for structural edits, as Excel does it: inserting rows or columns shifts
 * references at or after the insertion point and widens ranges that span it; deleting shrinks
 * ranges and turns references to deleted cells (or fully deleted ranges) into #REF!; moving a
 * range re-points references that lie fully inside it; renaming or removing a sheet renames
 * references or turns them into #REF!.
 */
public final class Structure {

    private Structure() {}

    /** Where a reference goes: a new sheet (null: unchanged) and coordinates; null means #REF!. */
    public record Target(String sheet, int r1, int c1, int r2, int c2) {}

    /** One structural edit's effect on references. Sheet names are compared case-insensitively. */
    public interface RefMap {
        /** New place of a cell reference on {@code sheet}, or null when it is deleted. */
        Target cell(String sheet, int row, int col);

        /** New place of an area reference, or null when it is deleted. */
        Target area(String sheet, int r1, int c1, int r2, int c2, Expr.AreaKind kind);

        /** The new name of a sheet (same if unchanged), or null when the sheet is removed. */
        default String sheetName(String sheet) {
            return sheet;
        }
    }

    /**
     * Rewrites the references of a formula hosted on {@code host} (unqualified references mean
     * the host). {@code newHost} is the sheet the formula lives on afterwards: references that
     * end up elsewhere are qualified with their sheet.
     */
    public static Expr transform(Expr e, String host, String newHost, RefMap map) {
        return switch (e) {
            case Expr.CellRef r -> {
                String sheet = r.sheet() == null ? host : r.sheet();
                String renamed = map.sheetName(sheet);
                if (renamed == null) {
                    yield new Expr.Err(ErrorValue.REF);
                }
                Target t = map.cell(sheet, r.row(), r.col());
                if (t == null) {
                    yield new Expr.Err(ErrorValue.REF);
                }
                String target = t.sheet() != null ? t.sheet() : renamed;
                yield new Expr.CellRef(qualify(r.sheet(), target, newHost), t.r1(), t.c1(), r.rowAbs(), r.colAbs());
            }
            case Expr.AreaRef a -> {
                String sheet = a.sheet() == null ? host : a.sheet();
                String renamed = map.sheetName(sheet);
                if (renamed == null) {
                    yield new Expr.Err(ErrorValue.REF);
                }
                Target t = map.area(sheet, a.row1(), a.col1(), a.row2(), a.col2(), a.kind());
                if (t == null) {
                    yield new Expr.Err(ErrorValue.REF);
                }
                String target = t.sheet() != null ? t.sheet() : renamed;
                yield new Expr.AreaRef(
                        qualify(a.sheet(), target, newHost),
                        t.r1(),
                        t.c1(),
                        t.r2(),
                        t.c2(),
                        a.row1Abs(),
                        a.col1Abs(),
                        a.row2Abs(),
                        a.col2Abs(),
                        a.kind());
            }
            case Expr.SpillRef s -> {
                Expr anchor = transform(s.anchor(), host, newHost, map);
                yield anchor instanceof Expr.CellRef r ? new Expr.SpillRef(r) : anchor;
            }
            case Expr.ArrayFormula af -> new Expr.ArrayFormula(transform(af.formula(), host, newHost, map));
            case Expr.Unary u -> new Expr.Unary(u.op(), transform(u.operand(), host, newHost, map));
            case Expr.Percent p -> new Expr.Percent(transform(p.operand(), host, newHost, map));
            case Expr.Binary b ->
                new Expr.Binary(
                        b.op(), transform(b.left(), host, newHost, map), transform(b.right(), host, newHost, map));
            case Expr.Call c -> {
                List<Expr> args = new ArrayList<>(c.args().size());
                for (Expr x : c.args()) {
                    args.add(transform(x, host, newHost, map));
                }
                yield new Expr.Call(c.name(), args);
            }
            case Expr.Apply ap -> {
                List<Expr> args = new ArrayList<>(ap.args().size());
                for (Expr x : ap.args()) {
                    args.add(transform(x, host, newHost, map));
                }
                yield new Expr.Apply(transform(ap.function(), host, newHost, map), args);
            }
            default -> e;
        };
    }

    private static String qualify(String written, String target, String newHost) {
        if (written == null && target.equalsIgnoreCase(newHost)) {
            return null;
        }
        return target;
    }

    private static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    /** Inserting (count > 0) rows at {@code at} on {@code sheet}. */
    public static RefMap insertRows(String sheet, int at, int count) {
        return shift(sheet, at, count, true);
    }

    public static RefMap insertColumns(String sheet, int at, int count) {
        return shift(sheet, at, count, false);
    }

    private static RefMap shift(String sheetName, int at, int n, boolean rows) {
        int max = rows ? Expr.MAX_ROW : Expr.MAX_COL;
        return new RefMap() {
            @Override
            public Target cell(String sheet, int row, int col) {
                if (!same(sheet, sheetName)) {
                    return new Target(null, row, col, row, col);
                }
                int v = rows ? row : col;
                if (v >= at) {
                    v += n;
                }
                if (v > max) {
                    return null;
                }
                return rows ? new Target(null, v, col, v, col) : new Target(null, row, v, row, v);
            }

            @Override
            public Target area(String sheet, int r1, int c1, int r2, int c2, Expr.AreaKind kind) {
                boolean whole = rows ? kind == Expr.AreaKind.COLUMNS : kind == Expr.AreaKind.ROWS;
                if (!same(sheet, sheetName) || whole) {
                    return new Target(null, r1, c1, r2, c2);
                }
                int a = rows ? r1 : c1;
                int b = rows ? r2 : c2;
                int na = a >= at ? a + n : a;
                int nb = b >= at ? b + n : b;
                if (na > max) {
                    return null;
                }
                nb = Math.min(nb, max);
                return rows ? new Target(null, na, c1, nb, c2) : new Target(null, r1, na, r2, nb);
            }
        };
    }

    /** Deleting {@code count} rows from {@code at} on {@code sheet}. */
    public static RefMap deleteRows(String sheet, int at, int count) {
        return delete(sheet, at, count, true);
    }

    public static RefMap deleteColumns(String sheet, int at, int count) {
        return delete(sheet, at, count, false);
    }

    private static RefMap delete(String sheetName, int at, int n, boolean rows) {
        int end = at + n;
        return new RefMap() {
            @Override
            public Target cell(String sheet, int row, int col) {
                if (!same(sheet, sheetName)) {
                    return new Target(null, row, col, row, col);
                }
                int v = rows ? row : col;
                if (v >= at && v < end) {
                    return null;
                }
                if (v >= end) {
                    v -= n;
                }
                return rows ? new Target(null, v, col, v, col) : new Target(null, row, v, row, v);
            }

            @Override
            public Target area(String sheet, int r1, int c1, int r2, int c2, Expr.AreaKind kind) {
                boolean whole = rows ? kind == Expr.AreaKind.COLUMNS : kind == Expr.AreaKind.ROWS;
                if (!same(sheet, sheetName) || whole) {
                    return new Target(null, r1, c1, r2, c2);
                }
                int a = rows ? r1 : c1;
                int b = rows ? r2 : c2;
                if (a >= at && b < end) {
                    return null;
                }
                int na = a < at ? a : (a >= end ? a - n : at);
                int nb = b < at ? b : (b >= end ? b - n : at - 1);
                return rows ? new Target(null, na, c1, nb, c2) : new Target(null, r1, na, r2, nb);
            }
        };
    }

    /** Renaming a sheet. */
    public static RefMap renameSheet(String from, String to) {
        return new Identity() {
            @Override
            public String sheetName(String sheet) {
                return same(sheet, from) ? to : sheet;
            }
        };
    }

    /** Removing a sheet: references to it become #REF!. */
    public static RefMap removeSheet(String removed) {
        return new Identity() {
            @Override
            public String sheetName(String sheet) {
                return same(sheet, removed) ? null : sheet;
            }
        };
    }

    /** Moving the area (r1,c1)-(r2,c2) of {@code from} so its top-left lands on (row, col) of {@code to}. */
    public static RefMap moveRange(String from, int r1, int c1, int r2, int c2, String to, int row, int col) {
        int dr = row - r1;
        int dc = col - c1;
        return new RefMap() {
            boolean inSource(String sheet, int r, int c) {
                return same(sheet, from) && r >= r1 && r <= r2 && c >= c1 && c <= c2;
            }

            boolean inDest(String sheet, int r, int c) {
                return same(sheet, to) && r >= r1 + dr && r <= r2 + dr && c >= c1 + dc && c <= c2 + dc;
            }

            @Override
            public Target cell(String sheet, int r, int c) {
                if (inSource(sheet, r, c)) {
                    return new Target(to, r + dr, c + dc, r + dr, c + dc);
                }
                if (inDest(sheet, r, c)) {
                    return null;
                }
                return new Target(null, r, c, r, c);
            }

            @Override
            public Target area(String sheet, int ar1, int ac1, int ar2, int ac2, Expr.AreaKind kind) {
                if (kind == Expr.AreaKind.CELLS && inSource(sheet, ar1, ac1) && inSource(sheet, ar2, ac2)) {
                    return new Target(to, ar1 + dr, ac1 + dc, ar2 + dr, ac2 + dc);
                }
                return new Target(null, ar1, ac1, ar2, ac2);
            }
        };
    }

    private abstract static class Identity implements RefMap {
        @Override
        public Target cell(String sheet, int row, int col) {
            return new Target(null, row, col, row, col);
        }

        @Override
        public Target area(String sheet, int r1, int c1, int r2, int c2, Expr.AreaKind kind) {
            return new Target(null, r1, c1, r2, c2);
        }
    }
}
