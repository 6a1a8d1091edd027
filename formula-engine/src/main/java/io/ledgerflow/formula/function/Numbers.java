package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;

/**
 * Excel's rules for collecting the numbers of aggregate arguments (SUM, AVERAGE, MIN, ...):
 * inside references only numbers count (text, booleans and blanks are skipped, errors propagate);
 * arguments written directly are coerced (text that reads as a number counts, other text is
 * #VALUE!, TRUE is 1).
 */
public final class Numbers {

    private Numbers() {}

    /** Receives each number. */
    @FunctionalInterface
    public interface DoubleSink {
        void accept(double d);
    }

    /** Feeds every number of all arguments (from index {@code from}) to the sink, in order. */
    public static void collect(Args args, int from, DoubleSink sink) {
        for (int i = from; i < args.count(); i++) {
            if (args.isMissing(i)) {
                continue;
            }
            if (args.isReference(i)) {
                Grid g = args.grid(i);
                int rows = g.rows();
                int cols = g.cols();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        Value v = g.get(r, c);
                        if (v instanceof NumberValue n) {
                            sink.accept(n.value());
                        } else if (v instanceof ErrorValue e) {
                            throw FormulaError.of(e);
                        }
                    }
                }
            } else {
                Value v = args.value(i);
                switch (v) {
                    case NumberValue n -> sink.accept(n.value());
                    case BooleanValue b -> sink.accept(b.value() ? 1 : 0);
                    case EmptyValue e -> {}
                    case TextValue t -> {
                        double d = Values.parseNumber(t.value());
                        if (Double.isNaN(d)) {
                            throw FormulaError.of(ErrorValue.VALUE);
                        }
                        sink.accept(d);
                    }
                    case ErrorValue e -> throw FormulaError.of(e);
                }
            }
        }
    }

    /** All numbers of the arguments as an array. */
    public static double[] toArray(Args args, int from) {
        DoubleBuffer buf = new DoubleBuffer();
        collect(args, from, buf::add);
        return buf.toArray();
    }

    /** Every number of a grid, row-major (text, booleans, blanks skipped; errors thrown). */
    public static double[] of(Grid g) {
        DoubleBuffer buf = new DoubleBuffer();
        int rows = g.rows();
        int cols = g.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Value v = g.get(r, c);
                if (v instanceof NumberValue n) {
                    buf.add(n.value());
                } else if (v instanceof ErrorValue e) {
                    throw FormulaError.of(e);
                }
            }
        }
        return buf.toArray();
    }

    /** A growable double array. */
    public static final class DoubleBuffer {
        private double[] a = new double[16];
        private int n;

        public void add(double d) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = d;
        }

        public int size() {
            return n;
        }

        public double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** Wraps a result (NaN/infinite -> #NUM!). */
    public static Value result(double d) {
        return Values.number(d);
    }
}
