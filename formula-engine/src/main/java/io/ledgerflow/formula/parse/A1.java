package io.ledgerflow.formula.parse;

/** A1 notation helpers: column letters and cell names. */
public final class A1 {

    private A1() {}

    /** 0 -> "A", 25 -> "Z", 26 -> "AA". */
    public static String columnName(int col) {
        StringBuilder sb = new StringBuilder(3);
        int c = col + 1;
        while (c > 0) {
            int rem = (c - 1) % 26;
            sb.append((char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return sb.reverse().toString();
    }

    /** "A" -> 0; -1 if not 1..3 letters within XFD. */
    public static int columnIndex(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 3) {
            return -1;
        }
        int c = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            ch = ch >= 'a' && ch <= 'z' ? (char) (ch - 32) : (ch < 128 ? ch : Character.toUpperCase(ch));
            if (ch < 'A' || ch > 'Z') {
                return -1;
            }
            c = c * 26 + (ch - 'A' + 1);
        }
        return c - 1 <= Expr.MAX_COL ? c - 1 : -1;
    }

    /** (0,0) -> "A1". */
    public static String cellName(int row, int col) {
        return columnName(col) + (row + 1);
    }
}
