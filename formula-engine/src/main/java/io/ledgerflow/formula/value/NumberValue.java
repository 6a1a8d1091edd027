package io.ledgerflow.formula.value;

/** An IEEE double. NaN and infinities never appear: operations producing them yield #NUM!. */
public record NumberValue(double value) implements Value {

    private static final NumberValue[] SMALL = new NumberValue[257];
    public static final NumberValue ZERO;
    public static final NumberValue ONE;

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(i - 128);
        }
        ZERO = SMALL[128];
        ONE = SMALL[129];
    }

    public static NumberValue of(double d) {
        if (d >= -128 && d <= 128) {
            int i = (int) d;
            if (i == d && (i != 0 || Double.doubleToRawLongBits(d) == 0L)) {
                return SMALL[i + 128];
            }
        }
        return new NumberValue(d);
    }

    @Override
    public Object toJava() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && Double.compare(n.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return Values.formatNumber(value);
    }
}
