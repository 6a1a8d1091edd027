package io.ledgerflow.formula.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Excel's coercion and comparison rules. All methods are pure and thread-safe. */
public final class Values {

    private Values() {}

    /** Wraps an arithmetic result: NaN and infinities become #NUM!. */
    public static Value number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return ErrorValue.NUM;
        }
        return NumberValue.of(d == 0 ? 0.0 : d);
    }

    /**
     * Parses text the way Excel coerces text to a number: optional surrounding spaces, sign,
     * thousands separators, a trailing percent sign, exponent. Returns NaN when not a number.
     */
    public static double parseNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        double scale = 1;
        boolean negative = false;
        if (t.startsWith("-$")) {
            negative = true;
            t = t.substring(2);
        } else if (t.startsWith("$")) {
            t = t.substring(1);
        }
        if (t.endsWith("%")) {
            scale = 0.01;
            t = t.substring(0, t.length() - 1).trim();
        }
        if (t.indexOf(',') >= 0) {
            t = t.replace(",", "");
        }
        if (t.isEmpty()) {
            return Double.NaN;
        }
        int n = t.length();
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(t) * scale;
            return negative ? -d : d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Number coercion used by arithmetic operators: text is parsed, booleans are 1/0, empty is 0. */
    public static Value toNumber(Value v) {
        return switch (v) {
            case NumberValue n -> n;
            case EmptyValue e -> NumberValue.ZERO;
            case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
            case TextValue t -> {
                double d = parseNumber(t.value());
                yield Double.isNaN(d) ? ErrorValue.VALUE : NumberValue.of(d);
            }
            case ErrorValue err -> err;
        };
    }

    /** Text coercion: numbers in Excel's General format, TRUE/FALSE, empty as "". */
    public static Value toText(Value v) {
        return switch (v) {
            case TextValue t -> t;
            case NumberValue n -> new TextValue(formatNumber(n.value()));
            case BooleanValue b -> new TextValue(b.value() ? "TRUE" : "FALSE");
            case EmptyValue e -> TextValue.EMPTY;
            case ErrorValue err -> err;
        };
    }

    /** Boolean coercion: numbers non-zero, texts "TRUE"/"FALSE", empty FALSE. */
    public static Value toBoolean(Value v) {
        return switch (v) {
            case BooleanValue b -> b;
            case NumberValue n -> BooleanValue.of(n.value() != 0);
            case EmptyValue e -> BooleanValue.FALSE;
            case TextValue t -> {
                if (t.value().equalsIgnoreCase("TRUE")) {
                    yield BooleanValue.TRUE;
                }
                if (t.value().equalsIgnoreCase("FALSE")) {
                    yield BooleanValue.FALSE;
                }
                yield ErrorValue.VALUE;
            }
            case ErrorValue err -> err;
        };
    }

    /** Formats a number as Excel's General format does (up to 15 significant digits). */
    public static String formatNumber(double d) {
        if (d == (long) d && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "#NUM!";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(15)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-9 && abs < 1e15) {
            return bd.toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.14E", bd.doubleValue());
        // s like 1.23400000000000E+20 -> 1.234E+20
        int e = s.indexOf('E');
        String mant = s.substring(0, e);
        String exp = s.substring(e + 1);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        int ev = Integer.parseInt(exp);
        return mant + "E" + (ev < 0 ? "-" : "+") + (Math.abs(ev) < 10 ? "0" : "") + Math.abs(ev);
    }

    private static int typeRank(Value v) {
        return switch (v) {
            case NumberValue n -> 0;
            case TextValue t -> 1;
            case BooleanValue b -> 2;
            default -> 0;
        };
    }

    /**
     * Excel's comparison for the = <> < > operators: numbers < texts < booleans; texts compare
     * case-insensitively; empty compares as 0, "" or FALSE according to the other side. Neither
     * argument may be an error.
     */
    public static int compare(Value a, Value b) {
        if (a instanceof EmptyValue) {
            a = emptyLike(b);
        }
        if (b instanceof EmptyValue) {
            b = emptyLike(a);
        }
        int ra = typeRank(a);
        int rb = typeRank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case NumberValue n ->
                Double.compare(n.value(), ((NumberValue) b).value()) == 0
                        ? 0
                        : (n.value() < ((NumberValue) b).value() ? -1 : 1);
            case TextValue t -> Integer.signum(compareText(t.value(), ((TextValue) b).value()));
            case BooleanValue bo -> Boolean.compare(bo.value(), ((BooleanValue) b).value());
            default -> 0;
        };
    }

    /**
     * The comparison of the = &lt;&gt; &lt; &gt; operators: as {@link #compare}, except that two
     * numbers equal to about 15 significant digits (a relative difference below 2^-48, the
     * tolerance LibreOffice uses too) are equal, as in Excel: {@code =SUM(...)=100} is TRUE for a
     * sum of 99.99999999999999, and {@code =0.1+0.2=0.3} is TRUE.
     */
    public static int compareOperands(Value a, Value b) {
        if (a instanceof NumberValue x && b instanceof NumberValue y) {
            double p = x.value();
            double q = y.value();
            if (p == q || approxEqual(p, q)) {
                return 0;
            }
            return p < q ? -1 : 1;
        }
        return compare(a, b);
    }

    /** True when a and b differ by less than 2^-48 of the larger magnitude (about 15 digits). */
    public static boolean approxEqual(double a, double b) {
        if (a == b) {
            return true;
        }
        if (a == 0 || b == 0 || (a < 0) != (b < 0)) {
            return false;
        }
        return Math.abs(a - b) < Math.max(Math.abs(a), Math.abs(b)) * 0x1p-48;
    }

    private static Value emptyLike(Value other) {
        return switch (other) {
            case TextValue t -> TextValue.EMPTY;
            case BooleanValue b -> BooleanValue.FALSE;
            default -> NumberValue.ZERO;
        };
    }

    /** Case-insensitive text comparison. */
    public static int compareText(String a, String b) {
        return a.compareToIgnoreCase(b);
    }

    /** Equality as the = operator sees it (no errors). */
    public static boolean equal(Value a, Value b) {
        return compare(a, b) == 0;
    }

    /** A key under which exact-match lookups (MATCH 0, VLOOKUP FALSE, SUMIF "=x") find a value. */
    public static Object lookupKey(Value v) {
        return switch (v) {
            case NumberValue n -> n.value() == 0 ? 0.0 : n.value();
            case TextValue t -> t.value().toLowerCase(Locale.ROOT);
            case BooleanValue b -> b;
            case EmptyValue e -> e;
            case ErrorValue err -> err;
        };
    }
}
