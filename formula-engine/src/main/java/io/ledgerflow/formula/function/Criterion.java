package io.ledgerflow.formula.function;

import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.formula.value.Values;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Excel criterion as used by SUMIF, COUNTIFS and friends: {@code 5}, {@code ">10"},
 * {@code "<>x"}, {@code "a*"} (wildcards {@code * ?}, escaped with {@code ~}), {@code ""} (blank),
 * {@code "<>"} (non-blank). Texts compare case-insensitively; a number criterion also matches text
 * that reads as that number.
 */
public final class Criterion {

    private enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    private final Op op;
    private final Value operand; // number, text, boolean or empty
    private final Pattern wildcard; // for EQ / NE on text with wildcards
    private final Object exactKey;

    private Criterion(Op op, Value operand, Pattern wildcard) {
        this.op = op;
        this.operand = operand;
        this.wildcard = wildcard;
        this.exactKey = op == Op.EQ && wildcard == null && !(operand instanceof EmptyValue) ? key(operand) : null;
    }

    /** Parses a criterion value; an error criterion is thrown as {@link FormulaError}. */
    public static Criterion parse(Value v) {
        return switch (v) {
            case ErrorValue e -> throw FormulaError.of(e);
            case NumberValue n -> new Criterion(Op.EQ, n, null);
            case BooleanValue b -> new Criterion(Op.EQ, b, null);
            case EmptyValue e -> new Criterion(Op.EQ, NumberValue.ZERO, null);
            case TextValue t -> parseText(t.value());
        };
    }

    private static Criterion parseText(String s) {
        Op op = Op.EQ;
        int skip = 0;
        if (s.startsWith("<=")) {
            op = Op.LE;
            skip = 2;
        } else if (s.startsWith(">=")) {
            op = Op.GE;
            skip = 2;
        } else if (s.startsWith("<>")) {
            op = Op.NE;
            skip = 2;
        } else if (s.startsWith("<")) {
            op = Op.LT;
            skip = 1;
        } else if (s.startsWith(">")) {
            op = Op.GT;
            skip = 1;
        } else if (s.startsWith("=")) {
            skip = 1;
        }
        String rest = s.substring(skip);
        if (rest.isEmpty()) {
            return new Criterion(op, EmptyValue.INSTANCE, null);
        }
        double d = Values.parseNumber(rest);
        if (!Double.isNaN(d)) {
            return new Criterion(op, NumberValue.of(d), null);
        }
        if (rest.equalsIgnoreCase("TRUE") || rest.equalsIgnoreCase("FALSE")) {
            return new Criterion(op, BooleanValue.of(rest.equalsIgnoreCase("TRUE")), null);
        }
        Pattern p = null;
        if ((op == Op.EQ || op == Op.NE) && hasWildcard(rest)) {
            p = wildcardPattern(rest);
        } else if (rest.indexOf('~') >= 0) {
            rest = rest.replace("~*", "*").replace("~?", "?").replace("~~", "~");
        }
        return new Criterion(op, new TextValue(rest), p);
    }

    private static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '~') {
                return true;
            }
            if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** Converts an Excel wildcard pattern to a case-insensitive regex. */
    public static Pattern wildcardPattern(String s) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '~' && i + 1 < s.length()) {
                re.append(Pattern.quote(String.valueOf(s.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /**
     * The hash key of a plain equality criterion (no operator, no wildcard), usable with
     * {@link #key(Value)} of cell values for indexed matching; null for other criteria.
     */
    public Object exactKey() {
        return exactKey;
    }

    /** The key a cell value is indexed under for exact criteria; null for blanks and errors. */
    public static Object key(Value v) {
        return switch (v) {
            case NumberValue n -> n.value() == 0 ? 0.0 : n.value();
            case TextValue t -> {
                double d = Values.parseNumber(t.value());
                yield Double.isNaN(d) ? t.value().toLowerCase(Locale.ROOT) : (Object) (d == 0 ? 0.0 : d);
            }
            case BooleanValue b -> b;
            default -> null;
        };
    }

    /** Whether a cell value satisfies the criterion. */
    public boolean test(Value cell) {
        if (cell instanceof ErrorValue) {
            return false;
        }
        if (exactKey != null) {
            Object k = key(cell);
            return exactKey.equals(k);
        }
        if (operand instanceof EmptyValue) {
            boolean blank = cell instanceof EmptyValue
                    || (cell instanceof TextValue t && t.value().isEmpty());
            // "=" (or "") matches empty cells and empty texts; "<>" matches every cell that is not
            // empty, a formula's "" included, as Excel's COUNTIF(range,"<>") does
            return switch (op) {
                case EQ -> blank;
                case NE -> !(cell instanceof EmptyValue);
                default -> false;
            };
        }
        if (wildcard != null) {
            boolean m =
                    cell instanceof TextValue t && wildcard.matcher(t.value()).matches();
            return op == Op.EQ ? m : !m;
        }
        if (op == Op.NE) {
            if (operand instanceof NumberValue || operand instanceof BooleanValue) {
                return !Criterion.key(operand).equals(key(cell));
            }
            return !(cell instanceof TextValue t && t.value().equalsIgnoreCase(((TextValue) operand).value()));
        }
        int cmp;
        if (operand instanceof NumberValue n) {
            if (!(cell instanceof NumberValue c)) {
                return false;
            }
            cmp = Double.compare(c.value(), n.value());
        } else if (operand instanceof TextValue t) {
            if (!(cell instanceof TextValue c)) {
                return false;
            }
            cmp = Values.compareText(c.value(), t.value());
        } else {
            if (!(cell instanceof BooleanValue c)) {
                return false;
            }
            cmp = Boolean.compare(c.value(), ((BooleanValue) operand).value());
        }
        return switch (op) {
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            default -> cmp == 0;
        };
    }
}
