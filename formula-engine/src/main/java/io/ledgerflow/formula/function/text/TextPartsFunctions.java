package io.ledgerflow.formula.function.text;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.Locale;

/** TEXTBEFORE, TEXTAFTER, CLEAN, UNICHAR, UNICODE, NUMBERVALUE, DOLLAR. */
public final class TextPartsFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("TEXTBEFORE", 2, 6, a -> part(a, true));
        r.register("TEXTAFTER", 2, 6, a -> part(a, false));
        r.register("CLEAN", 1, 1, a -> {
            String s = a.text(0);
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 32) {
                    sb.append(c);
                }
            }
            return new TextValue(sb.toString());
        });
        r.register("UNICHAR", 1, 1, a -> {
            int c = a.integer(0);
            if (c < 1 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
                return ErrorValue.VALUE;
            }
            return new TextValue(new String(Character.toChars(c)));
        });
        r.register("UNICODE", 1, 1, a -> {
            String s = a.text(0);
            return s.isEmpty() ? ErrorValue.VALUE : NumberValue.of(s.codePointAt(0));
        });
        r.register("NUMBERVALUE", 1, 3, a -> {
            String s = a.text(0);
            String dec = a.isMissing(1) ? "." : a.text(1);
            String group = a.isMissing(2) ? "," : a.text(2);
            if (dec.isEmpty() || group.isEmpty()) {
                return ErrorValue.VALUE;
            }
            char d = dec.charAt(0);
            char g = group.charAt(0);
            StringBuilder sb = new StringBuilder();
            boolean seenDecimal = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (c == d) {
                    if (seenDecimal) {
                        return ErrorValue.VALUE;
                    }
                    seenDecimal = true;
                    sb.append('.');
                } else if (c == g) {
                    if (seenDecimal) {
                        return ErrorValue.VALUE;
                    }
                } else {
                    sb.append(c);
                }
            }
            if (sb.isEmpty()) {
                return NumberValue.ZERO;
            }
            double v = Values.parseNumber(sb.toString());
            return Double.isNaN(v) ? ErrorValue.VALUE : Numbers.result(v);
        });
        r.register("DOLLAR", 1, 2, a -> {
            double x = a.number(0);
            int decimals = a.integer(1, 2);
            String body = TextFormat.fixed(Math.abs(x), decimals, true);
            return new TextValue(x < 0 && !isZero(body) ? "($" + body + ")" : "$" + body);
        });
    }

    private static boolean isZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * TEXTBEFORE / TEXTAFTER(text, delimiter, [instance], [match_mode], [match_end], [if_not_found]):
     * a negative instance counts from the end; match_mode 1 ignores case; match_end treats the end
     * (start, for negative instances) of the text as a delimiter.
     */
    private static Value part(Args a, boolean before) {
        String text = a.text(0);
        String delim = a.text(1);
        int instance = a.integer(2, 1);
        boolean ignoreCase = a.integer(3, 0) == 1;
        boolean matchEnd = a.integer(4, 0) == 1;
        if (instance == 0 || Math.abs(instance) > Math.max(text.length(), 1)) {
            return ErrorValue.VALUE;
        }
        String hay = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        String needle = ignoreCase ? delim.toLowerCase(Locale.ROOT) : delim;
        int at = -1;
        if (delim.isEmpty()) {
            at = instance > 0 ? 0 : text.length();
        } else if (instance > 0) {
            int from = 0;
            for (int k = 0; k < instance; k++) {
                at = hay.indexOf(needle, from);
                if (at < 0) {
                    if (matchEnd && k == instance - 1) {
                        at = text.length();
                    }
                    break;
                }
                from = at + needle.length();
            }
        } else {
            int from = hay.length();
            for (int k = 0; k < -instance; k++) {
                at = from < 0 ? -1 : hay.lastIndexOf(needle, from);
                if (at < 0) {
                    if (matchEnd && k == -instance - 1) {
                        at = -needle.length(); // the start of the text as the delimiter
                    }
                    break;
                }
                from = at - 1;
            }
            if (at == -needle.length() && matchEnd) {
                return new TextValue(before ? "" : text);
            }
        }
        if (at < 0) {
            return a.isMissing(5) ? ErrorValue.NA : a.value(5);
        }
        if (at >= text.length() && !delim.isEmpty()) {
            return new TextValue(before ? text : "");
        }
        return new TextValue(
                before ? text.substring(0, at) : text.substring(Math.min(text.length(), at + delim.length())));
    }
}
