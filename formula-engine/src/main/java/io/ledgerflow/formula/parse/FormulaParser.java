package io.ledgerflow.formula.parse;

import io.ledgerflow.formula.value.ErrorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for Excel formulas (the text after the leading '='). Precedence, from
 * loosest: comparison, {@code &}, {@code + -}, {@code * /}, {@code ^}, unary minus/plus, postfix
 * {@code %}, then primaries (literals, references, calls, parentheses). Binary operators are
 * left-associative, as in Excel ({@code 2^3^2 = 64}, {@code -2^2 = 4}).
 *
 * <p>Size: over 800 lines since array constants, 3-D and #REF! references and the depth guard were added; the
 * lexer is the seam to split off next (issue 12 item 6).
 */
public final class FormulaParser extends FormulaScanner {

    /**
     * Deepest nesting of parentheses, function calls and signs the parser follows. The parser
     * recurses once per level, so without a bound {@code =((((…1…))))} with a few thousand
     * parentheses overflows the stack; past the bound the formula is a parse error like any other.
     * Excel allows 64 levels of nested functions.
     */
    public static final int MAX_NESTING = 256;

    private int depth;

    private FormulaParser(String src) {
        this.src = src;
    }

    /** Parses a formula; a leading '=' is allowed and skipped. */
    public static Expr parse(String formula) {
        String t = formula.strip();
        if (t.length() > 3 && t.startsWith("{=") && t.endsWith("}")) {
            // an array formula as Excel shows it: {=SUM(A1:A3*B1:B3)}
            return new Expr.ArrayFormula(parse(t.substring(2, t.length() - 1)));
        }
        FormulaParser p = new FormulaParser(formula);
        p.skipWs();
        if (p.peek() == '=') {
            p.pos++;
        }
        p.skipWs();
        if (p.pos >= p.src.length()) {
            throw new ParseException("Empty formula", p.pos);
        }
        Expr e = p.comparison();
        p.skipWs();
        if (p.pos < p.src.length()) {
            throw new ParseException("Unexpected '" + p.src.charAt(p.pos) + "'", p.pos);
        }
        return e;
    }

    /**
     * The <em>shape</em> of a formula written in a host cell: the formula text with every cell
     * reference replaced by its R1C1 form (relative parts as offsets from the host, absolute parts
     * as they are). Formulas with equal shapes parse to the same tree up to the host offset: each
     * relative row (column) of one is the other's plus the difference of the host rows (columns),
     * exactly what copying a formula in Excel does. This is what lets a load parse each distinct
     * shape once (a filled-down column of {@code =A1+1}, {@code =A2+1}, ... has one shape).
     *
     * <p>The scan classifies text with the parser's own rules (strings, quoted sheet names,
     * numbers, function and sheet names, cell references) and copies everything but cell
     * references verbatim, so an equal shape means equal text apart from the references. Returns
     * null, meaning "parse this formula on its own", for what it does not classify: whole-row or
     * whole-column ranges ({@code A:C}, {@code 1:3}), a {@code :} not between two cell
     * references, unknown error literals, unterminated strings and a NUL character.
     */
    public static String shapeKey(String formula, int hostRow, int hostCol) {
        return new ShapeScanner().key(formula, hostRow, hostCol);
    }

    private Expr comparison() {
        enter();
        try {
            return comparisonInside();
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            depth--;
            throw new ParseException("Formula nested deeper than " + MAX_NESTING + " levels", pos);
        }
    }

    private Expr comparisonInside() {
        Expr left = concat();
        while (true) {
            skipWs();
            char c = peek();
            String op;
            if (c == '=') {
                op = "=";
            } else if (c == '<') {
                op = peek(1) == '=' ? "<=" : peek(1) == '>' ? "<>" : "<";
            } else if (c == '>') {
                op = peek(1) == '=' ? ">=" : ">";
            } else {
                return left;
            }
            pos += op.length();
            left = new Expr.Binary(op, left, concat());
        }
    }

    private Expr concat() {
        Expr left = additive();
        while (true) {
            skipWs();
            if (peek() != '&') {
                return left;
            }
            pos++;
            left = new Expr.Binary("&", left, additive());
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            skipWs();
            char c = peek();
            if (c != '+' && c != '-') {
                return left;
            }
            pos++;
            left = new Expr.Binary(String.valueOf(c), left, multiplicative());
        }
    }

    private Expr multiplicative() {
        Expr left = power();
        while (true) {
            skipWs();
            char c = peek();
            if (c != '*' && c != '/') {
                return left;
            }
            pos++;
            left = new Expr.Binary(String.valueOf(c), left, power());
        }
    }

    private Expr power() {
        Expr left = unary();
        while (true) {
            skipWs();
            if (peek() != '^') {
                return left;
            }
            pos++;
            left = new Expr.Binary("^", left, unary());
        }
    }

    private Expr unary() {
        skipWs();
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            enter();
            try {
                return new Expr.Unary(c, unary());
            } finally {
                depth--;
            }
        }
        return postfix();
    }

    private Expr postfix() {
        Expr e = primary();
        if (e instanceof Expr.CellRef r && peek() == '#') {
            pos++; // the spill-range operator: A1#
            e = new Expr.SpillRef(r);
        }
        while ((e instanceof Expr.Call || e instanceof Expr.Apply) && peek() == '(') {
            pos++; // a call of the function value a call yields: LAMBDA(x,x+1)(2)
            e = new Expr.Apply(e, arguments("("));
        }
        while (true) {
            skipWs();
            if (peek() != '%') {
                return e;
            }
            pos++;
            e = new Expr.Percent(e);
        }
    }

    private Expr primary() {
        skipWs();
        int start = pos;
        char c = peek();
        if (c == '\0') {
            throw new ParseException("Unexpected end of formula", pos);
        }
        if (c == '(') {
            pos++;
            Expr inner = comparison();
            skipWs();
            expect(')');
            return inner;
        }
        if (c == '"') {
            return new Expr.Str(string());
        }
        if (c == '#') {
            ErrorValue err = errorLiteral();
            if (err == ErrorValue.REF) {
                skipDeletedReference();
            }
            return new Expr.Err(err);
        }
        if (c == '{') {
            return arrayConstant();
        }
        if (c == '\'') {
            String sheet = quotedSheet();
            return referenceAfterSheet(sheet);
        }
        if ((c >= '0' && c <= '9') || c == '.') {
            Expr rows = tryRowRange(null);
            if (rows != null) {
                return rows;
            }
            return number();
        }
        if (c == '$') {
            Expr rows = tryRowRange(null);
            if (rows != null) {
                return rows;
            }
        }
        if (isIdentStart(c) || c == '$') {
            int end = identEnd(pos);
            String run = src.substring(pos, end);
            char after = end < src.length() ? src.charAt(end) : '\0';
            if (after == '(' && run.indexOf('$') < 0) {
                pos = end + 1;
                return call(run.toUpperCase(Locale.ROOT));
            }
            if (after == '!') {
                if (run.indexOf('$') >= 0) {
                    throw new ParseException("Invalid sheet name '" + run + "'", start);
                }
                pos = end + 1;
                return referenceAfterSheet(run);
            }
            if (after == ':' && run.indexOf('$') < 0) {
                // a 3-D reference: First:Last!A1
                int end2 = identEnd(end + 1);
                if (end2 > end + 1
                        && end2 < src.length()
                        && src.charAt(end2) == '!'
                        && src.substring(end + 1, end2).indexOf('$') < 0) {
                    String last = src.substring(end + 1, end2);
                    pos = end2 + 1;
                    return referenceAfterSheet(run + ":" + last);
                }
            }
            Expr ref = reference(null);
            if (ref != null) {
                return ref;
            }
            pos = end;
            if (run.equalsIgnoreCase("TRUE")) {
                return new Expr.Bool(true);
            }
            if (run.equalsIgnoreCase("FALSE")) {
                return new Expr.Bool(false);
            }
            if (run.indexOf('$') >= 0 || !isIdentStart(run.charAt(0))) {
                throw new ParseException("Invalid name '" + run + "'", start);
            }
            // a lambda's parameter as a file stores it: _xlpm.x
            return new Expr.Name(
                    run.regionMatches(true, 0, "_xlpm.", 0, 6) && run.length() > 6 ? run.substring(6) : run);
        }
        throw new ParseException("Unexpected '" + c + "'", pos);
    }

    /**
     * Skips what Excel writes after {@code #REF!} for a deleted range ({@code #REF!A1},
     * {@code #REF!$A$1:$B$2}): the formula refers to nothing, so it reads as the #REF! error.
     */
    private void skipDeletedReference() {
        char c = peek();
        if (c == '$' || isAsciiLetter(c) || (c >= '0' && c <= '9')) {
            if (tryRowRange(null) == null && reference(null) == null) {
                return;
            }
        }
    }

    /** An array constant {@code {1,2;3,4}}: numbers, texts, booleans and errors; ';' ends a row. */
    private Expr arrayConstant() {
        int start = pos;
        pos++;
        List<List<Expr>> rows = new ArrayList<>();
        List<Expr> row = new ArrayList<>();
        while (true) {
            skipWs();
            row.add(arrayElement());
            skipWs();
            char c = peek();
            pos++;
            if (c == ',') {
                continue;
            }
            if (c == ';' || c == '}') {
                if (!rows.isEmpty() && rows.get(0).size() != row.size()) {
                    throw new ParseException("Rows of an array constant differ in length", start);
                }
                rows.add(row);
                row = new ArrayList<>();
                if (c == '}') {
                    return new Expr.Array(rows);
                }
                continue;
            }
            throw new ParseException("Expected ',', ';' or '}' in an array constant", pos - 1);
        }
    }

    private Expr arrayElement() {
        char c = peek();
        if (c == '"') {
            return new Expr.Str(string());
        }
        if (c == '#') {
            return new Expr.Err(errorLiteral());
        }
        if (c == '-' || c == '+') {
            pos++;
            skipWs();
            Expr n = number();
            return c == '-' ? new Expr.Num(-((Expr.Num) n).value()) : n;
        }
        if ((c >= '0' && c <= '9') || c == '.') {
            return number();
        }
        int end = identEnd(pos);
        String run = src.substring(pos, end);
        if (run.equalsIgnoreCase("TRUE") || run.equalsIgnoreCase("FALSE")) {
            pos = end;
            return new Expr.Bool(run.equalsIgnoreCase("TRUE"));
        }
        throw new ParseException("An array constant holds only numbers, texts, booleans and errors", pos);
    }

    private Expr call(String stored) {
        String name = functionName(stored);
        List<Expr> args = arguments(name + "(");
        return args.isEmpty() ? new Expr.Call(name, args) : call(name, args);
    }

    /** The arguments of a call after its '(' up to its ')' (omitted ones are {@link Expr.Missing}). */
    private List<Expr> arguments(String opened) {
        List<Expr> args = new ArrayList<>();
        skipWs();
        if (peek() == ')') {
            pos++;
            return args;
        }
        while (true) {
            skipWs();
            if (peek() == ',' || peek() == ')') {
                args.add(new Expr.Missing());
            } else {
                args.add(comparison());
            }
            skipWs();
            if (peek() == ',') {
                pos++;
                continue;
            }
            if (peek() == ')') {
                pos++;
                return args;
            }
            if (pos >= src.length()) {
                throw new ParseException("Missing ')' to close " + opened, pos);
            }
            throw new ParseException("Expected ',' or ')' but found '" + peek() + "'", pos);
        }
    }

    /** How files store the newer functions: {@code _xlfn._xlws.FILTER}, {@code _xlfn.SEQUENCE}, {@code _xlfn.ANCHORARRAY}. */
    private static String functionName(String stored) {
        String n = stored;
        if (n.startsWith("_XLFN.")) {
            n = n.substring(6);
        }
        if (n.startsWith("_XLWS.")) {
            n = n.substring(6);
        }
        return n;
    }

    /** A call; {@code ANCHORARRAY(A1)} is how a file stores the spill reference {@code A1#}. */
    private static Expr call(String name, List<Expr> args) {
        if (name.equals("ANCHORARRAY") && args.size() == 1 && args.get(0) instanceof Expr.CellRef r) {
            return new Expr.SpillRef(r);
        }
        if (name.equals("SINGLE") && args.size() == 1) {
            return args.get(0); // the implicit-intersection operator @: what a plain formula does anyway
        }
        return new Expr.Call(name, args);
    }

    private Expr number() {
        int start = pos;
        skipNumber();
        String text = src.substring(start, pos);
        if (text.equals(".")) {
            throw new ParseException("Invalid number", start);
        }
        return new Expr.Num(Double.parseDouble(text));
    }

    private Expr referenceAfterSheet(String sheet) {
        int start = pos;
        char c = peek();
        if (c == '#') {
            ErrorValue e = errorLiteral();
            return new Expr.Err(e);
        }
        Expr rows = tryRowRange(sheet);
        if (rows != null) {
            return rows;
        }
        Expr ref = reference(sheet);
        if (ref == null) {
            throw new ParseException("Expected a cell reference after the sheet name", start);
        }
        return ref;
    }

    /** Parses $?COL$?ROW[:$?COL$?ROW] or $?COL:$?COL at pos; null (pos unchanged) if none. */
    private Expr reference(String sheet) {
        int save = pos;
        if (cellAt(pos)) {
            int[] a = {cellRow, cellCol, cellRowAbs ? 1 : 0, cellColAbs ? 1 : 0};
            pos = cellEnd;
            if (peek() == ':') {
                if (!cellAt(pos + 1)) {
                    throw new ParseException("Expected a cell reference after ':'", pos + 1);
                }
                int[] b = {cellRow, cellCol, cellRowAbs ? 1 : 0, cellColAbs ? 1 : 0};
                pos = cellEnd;
                int r1 = Math.min(a[0], b[0]);
                int r2 = Math.max(a[0], b[0]);
                int c1 = Math.min(a[1], b[1]);
                int c2 = Math.max(a[1], b[1]);
                boolean r1a = a[0] <= b[0] ? a[2] == 1 : b[2] == 1;
                boolean r2a = a[0] <= b[0] ? b[2] == 1 : a[2] == 1;
                boolean c1a = a[1] <= b[1] ? a[3] == 1 : b[3] == 1;
                boolean c2a = a[1] <= b[1] ? b[3] == 1 : a[3] == 1;
                return new Expr.AreaRef(sheet, r1, c1, r2, c2, r1a, c1a, r2a, c2a, Expr.AreaKind.CELLS);
            }
            return new Expr.CellRef(sheet, a[0], a[1], a[2] == 1, a[3] == 1);
        }
        int[] ca = columnAt(pos);
        if (ca != null && ca[2] < src.length() && src.charAt(ca[2]) == ':') {
            int[] cb = columnAt(ca[2] + 1);
            if (cb != null) {
                pos = cb[2];
                int c1 = Math.min(ca[0], cb[0]);
                int c2 = Math.max(ca[0], cb[0]);
                boolean c1a = ca[0] <= cb[0] ? ca[1] == 1 : cb[1] == 1;
                boolean c2a = ca[0] <= cb[0] ? cb[1] == 1 : ca[1] == 1;
                return new Expr.AreaRef(sheet, 0, c1, Expr.MAX_ROW, c2, true, c1a, true, c2a, Expr.AreaKind.COLUMNS);
            }
        }
        pos = save;
        return null;
    }

    /** Row range like 1:3 or $1:$3 at pos, else null with pos unchanged. */
    private Expr tryRowRange(String sheet) {
        int[] a = rowAt(pos);
        if (a == null || a[2] >= src.length() || src.charAt(a[2]) != ':') {
            return null;
        }
        int[] b = rowAt(a[2] + 1);
        if (b == null) {
            return null;
        }
        if (b[2] < src.length() && isIdentPart(src.charAt(b[2]))) {
            return null;
        }
        pos = b[2];
        int r1 = Math.min(a[0], b[0]);
        int r2 = Math.max(a[0], b[0]);
        boolean r1a = a[0] <= b[0] ? a[1] == 1 : b[1] == 1;
        boolean r2a = a[0] <= b[0] ? b[1] == 1 : a[1] == 1;
        return new Expr.AreaRef(sheet, r1, 0, r2, Expr.MAX_COL, r1a, true, r2a, true, Expr.AreaKind.ROWS);
    }
}
