package io.ledgerflow.formula.function.engineering;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.util.Locale;

/**
 * Engineering: base conversions (DEC2BIN ... HEX2OCT, ten-digit two's complement for negatives
 * as in Excel), CONVERT (common units), DELTA, GESTEP and the BIT functions.
 */
public final class EngineeringFunctions implements FunctionFamily {

    private static final String[] BASES = {"BIN", "OCT", "DEC", "HEX"};
    private static final int[] RADIX = {2, 8, 10, 16};

    @Override
    public void register(FunctionRegistry r) {
        for (int from = 0; from < 4; from++) {
            for (int to = 0; to < 4; to++) {
                if (from == to) {
                    continue;
                }
                int f = RADIX[from];
                int t = RADIX[to];
                String name = BASES[from] + "2" + BASES[to];
                if (t == 10) {
                    r.register(name, 1, 1, a -> {
                        long v = parse(a, f);
                        return v == Long.MIN_VALUE ? ErrorValue.NUM : NumberValue.of(v);
                    });
                } else {
                    r.register(name, 1, 2, a -> {
                        long v;
                        if (f == 10) {
                            double d = a.number(0);
                            v = (long) (d < 0 ? Math.ceil(d) : Math.floor(d));
                        } else {
                            v = parse(a, f);
                            if (v == Long.MIN_VALUE) {
                                return ErrorValue.NUM;
                            }
                        }
                        return format(v, t, a.isMissing(1) ? -1 : a.integer(1));
                    });
                }
            }
        }
        r.register("CONVERT", 3, 3, a -> Units.convert(a.number(0), a.text(1), a.text(2)));
        r.register("DELTA", 1, 2, a -> NumberValue.of(a.number(0) == a.number(1, 0) ? 1 : 0));
        r.register("GESTEP", 1, 2, a -> NumberValue.of(a.number(0) >= a.number(1, 0) ? 1 : 0));
        r.register("BITAND", 2, 2, a -> bits(a, (x, y) -> x & y));
        r.register("BITOR", 2, 2, a -> bits(a, (x, y) -> x | y));
        r.register("BITXOR", 2, 2, a -> bits(a, (x, y) -> x ^ y));
        r.register("BITLSHIFT", 2, 2, a -> shift(a, true));
        r.register("BITRSHIFT", 2, 2, a -> shift(a, false));
    }

    /** The largest (exclusive) magnitude of each radix in ten digits: 2^9, 8^10/2, -, 16^10/2. */
    private static long half(int radix) {
        return switch (radix) {
            case 2 -> 512L;
            case 8 -> 1L << 29;
            case 16 -> 1L << 39;
            default -> 1L << 39;
        };
    }

    /** Parses up to ten digits of a radix, the tenth digit's high bit as the sign; MIN_VALUE: #NUM!. */
    private static long parse(Args a, int radix) {
        String s = a.text(0).trim();
        if (s.length() > 10) {
            return Long.MIN_VALUE;
        }
        if (s.isEmpty()) {
            return 0;
        }
        long v;
        try {
            v = Long.parseLong(s, radix);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
        if (v < 0) {
            return Long.MIN_VALUE;
        }
        long full = half(radix) * 2;
        return v >= half(radix) ? v - full : v;
    }

    private static Value format(long v, int radix, int places) {
        long half = half(radix);
        if (v >= half || v < -half) {
            return ErrorValue.NUM;
        }
        String s;
        if (v < 0) {
            s = Long.toString(v + half * 2, radix);
        } else {
            s = Long.toString(v, radix);
            if (places >= 0) {
                if (places < s.length() || places > 10) {
                    return ErrorValue.NUM;
                }
                s = "0".repeat(places - s.length()) + s;
            }
        }
        return new TextValue(s.toUpperCase(Locale.ROOT));
    }

    private interface LongOp {
        long apply(long x, long y);
    }

    private static long bitArg(Args a, int i) {
        double d = a.number(i);
        if (d < 0 || d >= 0x1p48 || d != Math.floor(d)) {
            throw io.ledgerflow.formula.function.FormulaError.of(ErrorValue.NUM);
        }
        return (long) d;
    }

    private static Value bits(Args a, LongOp op) {
        return NumberValue.of(op.apply(bitArg(a, 0), bitArg(a, 1)));
    }

    private static Value shift(Args a, boolean left) {
        long x = bitArg(a, 0);
        int n = a.integer(1);
        if (Math.abs(n) > 53) {
            return ErrorValue.NUM;
        }
        if (!left) {
            n = -n;
        }
        double r = n >= 0 ? x * Math.pow(2, n) : (double) (x >> -n);
        return r >= 0x1p48 ? ErrorValue.NUM : Numbers.result(r);
    }
}
