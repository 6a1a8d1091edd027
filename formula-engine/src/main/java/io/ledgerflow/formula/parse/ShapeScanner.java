package io.ledgerflow.formula.parse;

import io.ledgerflow.formula.value.ErrorValue;

/**
 * Computes {@link FormulaParser#shapeKey shape keys} one after another with one scanner and buffer
 * (a load asks for one key per formula). Not thread-safe.
 */
public final class ShapeScanner extends FormulaScanner {
    private char[] buffer = new char[64];

    /** The shape key of a formula written in a host cell, or null (see {@link FormulaParser#shapeKey}). */
    public String key(String formula, int hostRow, int hostCol) {
        int len = scan(formula, hostRow, hostCol);
        return len < 0 ? null : new String(buffer, 0, len);
    }

    /**
     * Writes the shape key of a formula into {@link #buffer()} and returns its length, or -1
     * where {@link #key} returns null. Lets a caller compare a key with the previous one
     * before making a string of it (a filled block's formulas mostly repeat the last shape).
     */
    public int scan(String formula, int hostRow, int hostCol) {
        // verbatim text, and 7 chars for each cell reference (at least 2 chars of text)
        int need = 4 * formula.length() + 8;
        if (buffer.length < need) {
            buffer = new char[Math.max(need, 2 * buffer.length)];
        }
        src = formula;
        pos = 0;
        return shape(hostRow, hostCol, buffer);
    }

    /** The buffer {@link #scan} writes a key into (valid up to the length it returned). */
    public char[] buffer() {
        return buffer;
    }

    /** Marks a cell reference in a shape key; formulas containing it have no shape. */
    static final char REF_MARK = '\0';

    /**
     * The shape key into {@code key} (4 chars per char of text at least; chars below 128 keep it
     * Latin-1): its length, or -1 for no shape.
     */
    int shape(int hostRow, int hostCol, char[] key) {
        int n = src.length();
        if (src.indexOf(REF_MARK) >= 0) {
            return -1;
        }
        int len = 0;
        boolean prevRef = false; // the last token was a cell reference (for A1:B2)
        boolean needRef = false; // a ':' was just copied, a cell reference must follow
        while (pos < n) {
            char c = src.charAt(pos);
            int start = pos;
            boolean ref = false;
            if (c == '"' || c == '\'') {
                // a string literal or a quoted sheet name, doubled quotes inside
                pos++;
                while (true) {
                    if (pos >= n) {
                        return -1;
                    }
                    if (src.charAt(pos++) == c) {
                        if (pos < n && src.charAt(pos) == c) {
                            pos++;
                        } else {
                            break;
                        }
                    }
                }
            } else if (c == '#') {
                ErrorValue match = null;
                for (ErrorValue e : ErrorValue.values()) {
                    if (src.regionMatches(true, pos, e.text(), 0, e.text().length())) {
                        match = e;
                        break;
                    }
                }
                if (match == null) {
                    return -1;
                }
                pos += match.text().length();
            } else if ((c >= '0' && c <= '9') || c == '.') {
                skipNumber();
                if (peek() == ':') {
                    return -1; // a row range (1:3) or something the parser rejects
                }
            } else if (isIdentStart(c) || c == '$') {
                if (c == '$' && Character.isDigit(peek(1))) {
                    return -1; // a row range ($1:$3)
                }
                // a cell reference ends where its identifier ends, before no '(' (cellAt checks
                // both), so only a '!' after it (a sheet name) is left to rule out
                boolean cell = cellAt(pos) && (cellEnd >= n || src.charAt(cellEnd) != '!');
                int end = cell ? cellEnd : identEnd(pos);
                char after = end < n ? src.charAt(end) : '\0';
                if (cell) {
                    // R1C1: 21 bits of row, 15 bits of column (biased to be non-negative), 7 per char
                    int row = (cellRowAbs ? cellRow : cellRow - hostRow) + (1 << 20);
                    int col = (cellColAbs ? cellCol : cellCol - hostCol) + (1 << 14);
                    key[len++] = REF_MARK;
                    key[len++] = (char) ('0' + (cellRowAbs ? 2 : 0) + (cellColAbs ? 1 : 0));
                    key[len++] = (char) ((row >>> 14) & 0x7F);
                    key[len++] = (char) ((row >>> 7) & 0x7F);
                    key[len++] = (char) (row & 0x7F);
                    key[len++] = (char) ((col >>> 7) & 0x7F);
                    key[len++] = (char) (col & 0x7F);
                    ref = true;
                } else if (after == ':') {
                    return -1; // a column range (A:C) or something the parser rejects
                }
                pos = end;
            } else if (c == ':') {
                if (!prevRef) {
                    return -1;
                }
                key[len++] = c;
                pos++;
                needRef = true;
                prevRef = false;
                continue;
            } else {
                // operators, parentheses, commas, whitespace, '!', '=', '%': one char, copied here
                key[len++] = c;
                pos++;
                if (needRef) {
                    return -1;
                }
                prevRef = false;
                continue;
            }
            if (!ref) {
                src.getChars(start, pos, key, len); // verbatim
                len += pos - start;
            }
            if (needRef && !ref) {
                return -1;
            }
            needRef = false;
            prevRef = ref;
        }
        return needRef ? -1 : len;
    }
}
