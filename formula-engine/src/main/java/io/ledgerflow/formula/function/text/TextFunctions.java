package io.ledgerflow.formula.function.text;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.Criterion;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.Locale;
import java.util.regex.Matcher;

/** Text functions: CONCAT, TEXTJOIN, LEFT, MID, LEN, TRIM, TEXT, VALUE, FIND, SEARCH, ... */
public final class TextFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("CONCAT", 1, -1, a -> join(a, 0, "", true));
        r.register("CONCATENATE", 1, -1, a -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.count(); i++) {
                sb.append(a.text(i));
            }
            return new TextValue(sb.toString());
        });
        r.register("TEXTJOIN", 3, -1, a -> join(a, 2, a.text(0), a.bool(1)));
        r.register("LEFT", 1, 2, a -> {
            String s = a.text(0);
            int n = a.integer(1, 1);
            if (n < 0) {
                return ErrorValue.VALUE;
            }
            return new TextValue(s.substring(0, Math.min(n, s.length())));
        });
        r.register("RIGHT", 1, 2, a -> {
            String s = a.text(0);
            int n = a.integer(1, 1);
            if (n < 0) {
                return ErrorValue.VALUE;
            }
            return new TextValue(s.substring(Math.max(0, s.length() - n)));
        });
        r.register("MID", 3, 3, a -> {
            String s = a.text(0);
            int start = a.integer(1);
            int n = a.integer(2);
            if (start < 1 || n < 0) {
                return ErrorValue.VALUE;
            }
            if (start > s.length()) {
                return TextValue.EMPTY;
            }
            return new TextValue(s.substring(start - 1, Math.min(s.length(), start - 1 + n)));
        });
        r.register("LEN", 1, 1, a -> NumberValue.of(a.text(0).length()));
        r.register("UPPER", 1, 1, a -> new TextValue(a.text(0).toUpperCase(Locale.ROOT)));
        r.register("LOWER", 1, 1, a -> new TextValue(a.text(0).toLowerCase(Locale.ROOT)));
        r.register("PROPER", 1, 1, a -> new TextValue(proper(a.text(0))));
        r.register("TRIM", 1, 1, a -> new TextValue(a.text(0).trim().replaceAll(" +", " ")));
        r.register("REPT", 2, 2, a -> {
            int n = a.integer(1);
            String s = a.text(0);
            if (n < 0 || (long) n * s.length() > 32767) {
                return ErrorValue.VALUE;
            }
            return new TextValue(s.repeat(n));
        });
        r.register("EXACT", 2, 2, a -> BooleanValue.of(a.text(0).equals(a.text(1))));
        r.register("VALUE", 1, 1, a -> {
            Value v = a.value(0);
            if (v instanceof NumberValue) {
                return v;
            }
            if (v instanceof EmptyValue) {
                return NumberValue.ZERO;
            }
            double d = Values.parseNumber(a.text(0));
            return Double.isNaN(d) ? ErrorValue.VALUE : NumberValue.of(d);
        });
        r.register("FIND", 2, 3, a -> find(a, false));
        r.register("SEARCH", 2, 3, a -> find(a, true));
        r.register("SUBSTITUTE", 3, 4, TextFunctions::substitute);
        r.register("REPLACE", 4, 4, a -> {
            String s = a.text(0);
            int start = a.integer(1);
            int n = a.integer(2);
            if (start < 1 || n < 0) {
                return ErrorValue.VALUE;
            }
            int from = Math.min(start - 1, s.length());
            int to = Math.min(s.length(), from + n);
            return new TextValue(s.substring(0, from) + a.text(3) + s.substring(to));
        });
        r.register("CHAR", 1, 1, a -> {
            int c = a.integer(0);
            return c < 1 || c > 255 ? ErrorValue.VALUE : new TextValue(String.valueOf(ansi(c)));
        });
        r.register("CODE", 1, 1, a -> {
            String s = a.text(0);
            return s.isEmpty() ? ErrorValue.VALUE : NumberValue.of(ansiCode(s.charAt(0)));
        });
        r.register("TEXT", 2, 2, a -> {
            Value v = a.value(0);
            if (v instanceof ErrorValue e) {
                return e;
            }
            String fmt = a.text(1);
            if (v instanceof TextValue t) {
                double d = Values.parseNumber(t.value());
                if (Double.isNaN(d)) {
                    return t;
                }
                return new TextValue(TextFormat.format(d, fmt, a.context().date1904()));
            }
            if (v instanceof BooleanValue b) {
                return new TextValue(b.value() ? "TRUE" : "FALSE");
            }
            return new TextValue(
                    TextFormat.format(Args.Coerce.number(v), fmt, a.context().date1904()));
        });
        r.register("FIXED", 1, 3, a -> {
            int d = a.integer(1, 2);
            boolean noCommas = a.bool(2, false);
            return new TextValue(TextFormat.fixed(a.number(0), d, !noCommas));
        });
    }

    private static Value join(Args a, int from, String delim, boolean ignoreEmpty) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < a.count(); i++) {
            if (a.isReference(i)) {
                Grid g = a.grid(i);
                for (int r = 0; r < g.rows(); r++) {
                    for (int c = 0; c < g.cols(); c++) {
                        Value v = g.get(r, c);
                        if (v instanceof ErrorValue e) {
                            throw FormulaError.of(e);
                        }
                        String s = Args.Coerce.text(v);
                        if (ignoreEmpty && s.isEmpty()) {
                            continue;
                        }
                        if (!first) {
                            sb.append(delim);
                        }
                        sb.append(s);
                        first = false;
                    }
                }
            } else {
                String s = a.isMissing(i) ? "" : a.text(i);
                if (ignoreEmpty && s.isEmpty()) {
                    continue;
                }
                if (!first) {
                    sb.append(delim);
                }
                sb.append(s);
                first = false;
            }
            if (sb.length() > 32767) {
                return ErrorValue.VALUE;
            }
        }
        return new TextValue(sb.toString());
    }

    private static String proper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean up = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
            up = !Character.isLetter(c);
        }
        return sb.toString();
    }

    private static Value find(Args a, boolean search) {
        String needle = a.text(0);
        String hay = a.text(1);
        int start = a.integer(2, 1);
        if (start < 1 || start > hay.length() + 1) {
            return ErrorValue.VALUE;
        }
        int pos;
        if (search) {
            boolean wild = needle.indexOf('*') >= 0 || needle.indexOf('?') >= 0 || needle.indexOf('~') >= 0;
            if (wild) {
                Matcher m = Criterion.wildcardPattern(needle).matcher(hay);
                pos = -1;
                for (int i = start - 1; i <= hay.length(); i++) {
                    m.region(i, hay.length());
                    if (m.lookingAt()) {
                        pos = i;
                        break;
                    }
                }
            } else {
                pos = hay.toLowerCase(Locale.ROOT).indexOf(needle.toLowerCase(Locale.ROOT), start - 1);
            }
        } else {
            pos = hay.indexOf(needle, start - 1);
        }
        return pos < 0 ? ErrorValue.VALUE : NumberValue.of(pos + 1);
    }

    private static Value substitute(Args a) {
        String s = a.text(0);
        String old = a.text(1);
        String neu = a.text(2);
        if (old.isEmpty()) {
            return new TextValue(s);
        }
        if (a.isMissing(3)) {
            return new TextValue(s.replace(old, neu));
        }
        int k = a.integer(3);
        if (k < 1) {
            return ErrorValue.VALUE;
        }
        int idx = -1;
        for (int i = 0; i < k; i++) {
            idx = s.indexOf(old, idx + 1);
            if (idx < 0) {
                return new TextValue(s);
            }
        }
        return new TextValue(s.substring(0, idx) + neu + s.substring(idx + old.length()));
    }

    /** Windows-1252, the character set of Excel's CHAR and CODE (CHAR(128) is the euro sign). */
    private static final java.nio.charset.Charset ANSI = java.nio.charset.Charset.forName("windows-1252");

    /** The character of an ANSI code 1..255 (codes 1252 leaves undefined map to themselves). */
    static char ansi(int code) {
        String s = new String(new byte[] {(byte) code}, ANSI);
        char ch = s.charAt(0);
        return ch == '\uFFFD' ? (char) code : ch;
    }

    /** The ANSI code of a character (CODE): its windows-1252 byte, or 63 ('?') when it has none. */
    static int ansiCode(char ch) {
        if (ch < 128) {
            return ch;
        }
        java.nio.charset.CharsetEncoder enc = ANSI.newEncoder();
        if (!enc.canEncode(ch)) {
            return '?';
        }
        return new String(new char[] {ch}).getBytes(ANSI)[0] & 0xff;
    }
}
