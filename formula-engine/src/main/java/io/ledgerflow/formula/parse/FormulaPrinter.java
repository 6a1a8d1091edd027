package io.ledgerflow.formula.parse;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prints a syntax tree in canonical form: upper-case function names, no spaces, the minimal
 * parentheses for the precedence rules of {@link FormulaParser}, sheet names quoted only when
 * needed. {@code parse(print(e))} equals {@code e}.
 */
public final class FormulaPrinter {

    private FormulaPrinter() {}

    /** The formula text with a leading '='. */
    public static String print(Expr e) {
        if (e instanceof Expr.ArrayFormula) {
            return printExpr(e); // {=...}
        }
        StringBuilder sb = new StringBuilder("=");
        write(sb, e);
        return sb.toString();
    }

    /** The expression text without a leading '='. */
    public static String printExpr(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    static int precedence(Expr e) {
        return switch (e) {
            case Expr.Binary b -> binaryPrecedence(b.op());
            case Expr.Unary u -> 6;
            case Expr.Percent p -> 7;
            default -> 8;
        };
    }

    static int binaryPrecedence(String op) {
        return switch (op) {
            case "&" -> 2;
            case "+", "-" -> 3;
            case "*", "/" -> 4;
            case "^" -> 5;
            default -> 1;
        };
    }

    private static void write(StringBuilder sb, Expr e) {
        switch (e) {
            case Expr.Num n -> sb.append(number(n.value()));
            case Expr.Str s ->
                sb.append('"').append(s.value().replace("\"", "\"\"")).append('"');
            case Expr.Bool b -> sb.append(b.value() ? "TRUE" : "FALSE");
            case Expr.Err err -> sb.append(err.error().text());
            case Expr.Missing m -> {}
            case Expr.Array a -> {
                sb.append('{');
                for (int r = 0; r < a.rows().size(); r++) {
                    if (r > 0) {
                        sb.append(';');
                    }
                    List<Expr> row = a.rows().get(r);
                    for (int c = 0; c < row.size(); c++) {
                        if (c > 0) {
                            sb.append(',');
                        }
                        write(sb, row.get(c));
                    }
                }
                sb.append('}');
            }
            case Expr.Name n -> sb.append(n.name());
            case Expr.CellRef r -> {
                sheet(sb, r.sheet());
                cell(sb, r.row(), r.col(), r.rowAbs(), r.colAbs());
            }
            case Expr.AreaRef a -> {
                sheet(sb, a.sheet());
                switch (a.kind()) {
                    case CELLS -> {
                        cell(sb, a.row1(), a.col1(), a.row1Abs(), a.col1Abs());
                        sb.append(':');
                        cell(sb, a.row2(), a.col2(), a.row2Abs(), a.col2Abs());
                    }
                    case COLUMNS -> {
                        sb.append(a.col1Abs() ? "$" : "").append(A1.columnName(a.col1()));
                        sb.append(':');
                        sb.append(a.col2Abs() ? "$" : "").append(A1.columnName(a.col2()));
                    }
                    case ROWS -> {
                        sb.append(a.row1Abs() ? "$" : "").append(a.row1() + 1);
                        sb.append(':');
                        sb.append(a.row2Abs() ? "$" : "").append(a.row2() + 1);
                    }
                }
            }
            case Expr.SpillRef s -> {
                write(sb, s.anchor());
                sb.append('#');
            }
            case Expr.ArrayFormula af -> {
                sb.append("{=");
                write(sb, af.formula());
                sb.append('}');
            }
            case Expr.Unary u -> {
                sb.append(u.op());
                wrap(sb, u.operand(), precedence(u.operand()) < 6);
            }
            case Expr.Percent p -> {
                wrap(sb, p.operand(), precedence(p.operand()) < 8);
                sb.append('%');
            }
            case Expr.Binary b -> {
                int prec = binaryPrecedence(b.op());
                wrap(sb, b.left(), precedence(b.left()) < prec);
                sb.append(b.op());
                wrap(sb, b.right(), precedence(b.right()) <= prec);
            }
            case Expr.Call c -> {
                sb.append(c.name());
                arguments(sb, c.args());
            }
            case Expr.Apply a -> {
                wrap(sb, a.function(), !(a.function() instanceof Expr.Call || a.function() instanceof Expr.Apply));
                arguments(sb, a.args());
            }
        }
    }

    private static void arguments(StringBuilder sb, List<Expr> args) {
        sb.append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            write(sb, args.get(i));
        }
        sb.append(')');
    }

    private static void wrap(StringBuilder sb, Expr e, boolean parens) {
        if (parens) {
            sb.append('(');
        }
        write(sb, e);
        if (parens) {
            sb.append(')');
        }
    }

    private static void cell(StringBuilder sb, int row, int col, boolean rowAbs, boolean colAbs) {
        if (colAbs) {
            sb.append('$');
        }
        sb.append(A1.columnName(col));
        if (rowAbs) {
            sb.append('$');
        }
        sb.append(row + 1);
    }

    private static void sheet(StringBuilder sb, String sheet) {
        if (sheet == null) {
            return;
        }
        sb.append(quoteSheet(sheet)).append('!');
    }

    /** The sheet name as it must be written before '!' (quoted when needed). */
    public static String quoteSheet(String sheet) {
        boolean plain = !sheet.isEmpty() && (Character.isLetter(sheet.charAt(0)) || sheet.charAt(0) == '_');
        for (int i = 0; plain && i < sheet.length(); i++) {
            char c = sheet.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }
        if (plain && looksLikeReference(sheet)) {
            plain = false;
        }
        return plain ? sheet : "'" + sheet.replace("'", "''") + "'";
    }

    private static boolean looksLikeReference(String s) {
        int i = 0;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return A1.columnIndex(s, 0, i) >= 0 || s.equalsIgnoreCase("TRUE") || s.equalsIgnoreCase("FALSE");
        }
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j == s.length() && j > i && A1.columnIndex(s, 0, i) >= 0;
    }

    static String number(double d) {
        if (d == (long) d && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal bd = BigDecimal.valueOf(d).stripTrailingZeros();
        if (Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15) {
            return bd.toPlainString();
        }
        return Double.toString(d).replace("E", "E");
    }
}
