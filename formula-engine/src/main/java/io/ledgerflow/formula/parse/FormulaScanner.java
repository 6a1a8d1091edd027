package io.ledgerflow.formula.parse;

import io.ledgerflow.formula.value.ErrorValue;

/**
 * The token rules shared by {@link FormulaParser} and {@link ShapeScanner}: a position in a formula's
 * text and how strings, quoted sheet names, numbers, names, error literals and A1 cell references
 * are read there. One rule set, so that a shape key classifies text exactly as the parser reads it.
 */
abstract class FormulaScanner {

    String src;
    int pos;

    char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    /** Advances over a number as {@link #number()} reads it. */
    void skipNumber() {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (peek() == '.') {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if ((peek() == 'e' || peek() == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            pos += 2;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
    }

    static boolean isIdentStart(char c) {
        if (c < 128) {
            return isAsciiLetter(c) || c == '_' || c == '\\';
        }
        return Character.isLetter(c);
    }

    static boolean isIdentPart(char c) {
        if (c < 128) {
            return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '\\' || c == '$';
        }
        return Character.isLetterOrDigit(c);
    }

    int identEnd(int from) {
        int i = from;
        while (i < src.length() && isIdentPart(src.charAt(i))) {
            i++;
        }
        return i;
    }

    void expect(char c) {
        if (peek() != c) {
            throw new ParseException(
                    "Expected '" + c + "'" + (pos < src.length() ? " but found '" + peek() + "'" : ""), pos);
        }
        pos++;
    }

    String string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new ParseException("Unterminated string", start);
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                if (peek() == '"') {
                    sb.append('"');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
    }

    ErrorValue errorLiteral() {
        for (ErrorValue e : ErrorValue.values()) {
            if (src.regionMatches(true, pos, e.text(), 0, e.text().length())) {
                pos += e.text().length();
                return e;
            }
        }
        throw new ParseException("Unknown error literal", pos);
    }

    String quotedSheet() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new ParseException("Unterminated sheet name", start);
            }
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (peek() == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(c);
            }
        }
        if (sb.isEmpty()) {
            throw new ParseException("Empty sheet name", start);
        }
        expect('!');
        return sb.toString();
    }

    /** {row, abs, end} or null. */
    int[] rowAt(int i) {
        int abs = 0;
        if (i < src.length() && src.charAt(i) == '$') {
            abs = 1;
            i++;
        }
        int s = i;
        while (i < src.length() && Character.isDigit(src.charAt(i))) {
            i++;
        }
        if (i == s || i - s > 7) {
            return null;
        }
        int row = Integer.parseInt(src, s, i, 10);
        if (row < 1 || row > Expr.MAX_ROW + 1) {
            return null;
        }
        return new int[] {row - 1, abs, i};
    }

    /** {col, abs, end} for $?LETTERS not followed by a digit/identifier char, or null. */
    int[] columnAt(int i) {
        int abs = 0;
        if (i < src.length() && src.charAt(i) == '$') {
            abs = 1;
            i++;
        }
        int s = i;
        while (i < src.length() && isAsciiLetter(src.charAt(i))) {
            i++;
        }
        int col = A1.columnIndex(src, s, i);
        if (col < 0) {
            return null;
        }
        if (i < src.length() && isIdentPart(src.charAt(i))) {
            return null;
        }
        return new int[] {col, abs, i};
    }

    // the cell reference found by the last successful cellAt (no array per reference)
    int cellRow;

    int cellCol;

    boolean cellRowAbs;

    boolean cellColAbs;

    int cellEnd;

    /** Whether a cell reference starts at i; if so its parts are in the cell* fields. */
    boolean cellAt(int i) {
        int n = src.length();
        boolean colAbs = false;
        if (i < n && src.charAt(i) == '$') {
            colAbs = true;
            i++;
        }
        int s = i;
        while (i < n && isAsciiLetter(src.charAt(i))) {
            i++;
        }
        int col = A1.columnIndex(src, s, i);
        if (col < 0) {
            return false;
        }
        boolean rowAbs = false;
        if (i < n && src.charAt(i) == '$') {
            rowAbs = true;
            i++;
        }
        int rs = i;
        int row = 0;
        while (i < n) {
            char c = src.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : (Character.isDigit(c) ? Character.digit(c, 10) : -1);
            if (d < 0) {
                break;
            }
            row = row * 10 + d;
            i++;
            if (i - rs > 7) {
                return false;
            }
        }
        if (i == rs) {
            return false;
        }
        if (i < n && (isIdentPart(src.charAt(i)) || src.charAt(i) == '(')) {
            return false;
        }
        if (row < 1 || row > Expr.MAX_ROW + 1) {
            return false;
        }
        cellRow = row - 1;
        cellCol = col;
        cellRowAbs = rowAbs;
        cellColAbs = colAbs;
        cellEnd = i;
        return true;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
