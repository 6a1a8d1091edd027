package io.ledgerflow.formula.function.lookup;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Reference;
import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.ParseException;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References built from text and positions: INDIRECT (A1 and R1C1 text, volatile like OFFSET),
 * ADDRESS, and LOOKUP (vector and array forms, approximate match).
 */
public final class ReferenceFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.registerReference("INDIRECT", 1, 2, ReferenceFunctions::indirect);
        r.register("ADDRESS", 2, 5, ReferenceFunctions::address);
        r.register("LOOKUP", 2, 3, ReferenceFunctions::lookup);
    }

    private static final Pattern R1C1 = Pattern.compile(
            "R(\\[-?\\d+]|\\d+)?C(\\[-?\\d+]|\\d+)?(?::R(\\[-?\\d+]|\\d+)?C(\\[-?\\d+]|\\d+)?)?",
            Pattern.CASE_INSENSITIVE);

    private static Reference indirect(Args a) {
        String text = a.text(0).trim();
        boolean a1 = a.bool(1, true);
        int host = a.context().hostSheet();
        int sheet = host;
        String refText = text;
        int bang = text.lastIndexOf('!');
        if (bang >= 0) {
            String name = text.substring(0, bang);
            if (name.length() >= 2 && name.startsWith("'") && name.endsWith("'")) {
                name = name.substring(1, name.length() - 1).replace("''", "'");
            }
            sheet = a.context().sheetIndex(name);
            if (sheet < 0) {
                throw FormulaError.of(ErrorValue.REF);
            }
            refText = text.substring(bang + 1);
        }
        if (!a1) {
            return r1c1(refText, sheet, a.context().hostRow(), a.context().hostCol());
        }
        Expr e;
        try {
            e = FormulaParser.parse("=" + refText);
        } catch (ParseException ex) {
            throw FormulaError.of(ErrorValue.REF);
        }
        return switch (e) {
            case Expr.CellRef c -> new Reference(sheet, c.row(), c.col(), c.row(), c.col());
            case Expr.AreaRef ar -> new Reference(sheet, ar.row1(), ar.col1(), ar.row2(), ar.col2());
            default -> throw FormulaError.of(ErrorValue.REF);
        };
    }

    private static Reference r1c1(String text, int sheet, int hostRow, int hostCol) {
        Matcher m = R1C1.matcher(text);
        if (!m.matches()) {
            throw FormulaError.of(ErrorValue.REF);
        }
        int r1 = part(m.group(1), hostRow);
        int c1 = part(m.group(2), hostCol);
        int r2 = m.group(3) != null || m.group(4) != null || text.contains(":") ? part(m.group(3), hostRow) : r1;
        int c2 = text.contains(":") ? part(m.group(4), hostCol) : c1;
        if (r1 < 0
                || c1 < 0
                || r2 < 0
                || c2 < 0
                || r1 > Expr.MAX_ROW
                || r2 > Expr.MAX_ROW
                || c1 > Expr.MAX_COL
                || c2 > Expr.MAX_COL) {
            throw FormulaError.of(ErrorValue.REF);
        }
        return new Reference(sheet, Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2));
    }

    /** One coordinate of R1C1: "5" absolute (1-based), "[-2]" relative, absent: the host's. */
    private static int part(String g, int host) {
        if (g == null) {
            return host;
        }
        if (g.startsWith("[")) {
            return host + Integer.parseInt(g.substring(1, g.length() - 1));
        }
        return Integer.parseInt(g) - 1;
    }

    private static Value address(Args a) {
        int row = a.integer(0);
        int col = a.integer(1);
        int abs = a.integer(2, 1);
        boolean a1 = a.bool(3, true);
        if (row < 1 || col < 1 || row > Expr.MAX_ROW + 1 || col > Expr.MAX_COL + 1 || abs < 1 || abs > 4) {
            return ErrorValue.VALUE;
        }
        boolean rowAbs = abs == 1 || abs == 2;
        boolean colAbs = abs == 1 || abs == 3;
        String ref;
        if (a1) {
            ref = (colAbs ? "$" : "") + A1.columnName(col - 1) + (rowAbs ? "$" : "") + row;
        } else {
            ref = "R" + (rowAbs ? String.valueOf(row) : "[" + row + "]") + "C"
                    + (colAbs ? String.valueOf(col) : "[" + col + "]");
        }
        if (!a.isMissing(4)) {
            String sheet = a.text(4);
            if (!sheet.isEmpty()) {
                boolean plain =
                        sheet.matches("[A-Za-z_][A-Za-z0-9_.]*") && !sheet.matches("(?i)[A-Z]{1,3}\\d+|R\\d*C\\d*");
                ref = (plain ? sheet : "'" + sheet.replace("'", "''") + "'") + "!" + ref;
            }
        }
        return new TextValue(ref);
    }

    /**
     * LOOKUP(value, lookup_vector[, result_vector]): the last position whose value is <= value in
     * ascending data; without a result vector, a table wider than tall is searched along its first
     * row and answered from its last row, else down its first column and from its last column.
     */
    private static Value lookup(Args a) {
        Value key = a.value(0);
        if (key instanceof ErrorValue e) {
            return e;
        }
        Grid g = a.grid(1);
        if (g.rows() == 0 || g.cols() == 0) {
            return ErrorValue.NA;
        }
        boolean vertical = g.rows() >= g.cols();
        int pos = LookupFunctions.approximate(g, key, vertical, 0);
        if (pos < 0) {
            return ErrorValue.NA;
        }
        if (a.isMissing(2)) {
            return vertical ? g.get(pos, g.cols() - 1) : g.get(g.rows() - 1, pos);
        }
        Grid res = a.grid(2);
        int n = res.rows() * res.cols();
        if (pos >= n) {
            Reference ref = res.reference();
            if (ref == null) {
                return ErrorValue.NA;
            }
            // a result vector shorter than the lookup vector extends in its direction, as in Excel
            boolean resVertical = res.rows() >= res.cols();
            return resVertical
                    ? a.context().cell(ref.sheet(), ref.row1() + pos, ref.col1())
                    : a.context().cell(ref.sheet(), ref.row1(), ref.col1() + pos);
        }
        return res.rows() >= res.cols() ? res.get(pos, 0) : res.get(0, pos);
    }
}
