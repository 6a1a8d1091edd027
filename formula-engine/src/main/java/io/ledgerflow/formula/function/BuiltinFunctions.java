package io.ledgerflow.formula.function;

import io.ledgerflow.formula.function.date.DateFunctions;
import io.ledgerflow.formula.function.finance.FinanceFunctions;
import io.ledgerflow.formula.function.info.InfoFunctions;
import io.ledgerflow.formula.function.logic.LogicFunctions;
import io.ledgerflow.formula.function.lookup.LookupFunctions;
import io.ledgerflow.formula.function.math.ConditionalFunctions;
import io.ledgerflow.formula.function.math.MathFunctions;
import io.ledgerflow.formula.function.text.TextFunctions;
import java.util.List;

/**
 * The function families of {@link FunctionRegistry#defaults()}: add a new family here, and the
 * names it registers to {@link Names#BY_FAMILY} (a test checks that they agree).
 */
public final class BuiltinFunctions {

    private BuiltinFunctions() {}

    public static final List<FunctionFamily> FAMILIES = List.of(
            new MathFunctions(),
            new ConditionalFunctions(),
            new LogicFunctions(),
            new InfoFunctions(),
            new LookupFunctions(),
            new TextFunctions(),
            new DateFunctions(),
            new FinanceFunctions());

    /**
     * The names each family of {@link #FAMILIES} registers, in the same order. The shared registry
     * ({@link FunctionRegistry#builtins()}) registers a name only when it is first looked up,
     * through {@link FunctionFamily#register(FunctionRegistry, String)} (just that function, or
     * the whole family): registering creates one lambda per function, which costs a JVM that has
     * not run them before about 0.3 ms each (some 60 ms for all of them). A nested class, so that
     * reading the names does not create the families.
     */
    static final class Names {
        private Names() {}

        /**
         * A new instance of family {@code f} of {@link #FAMILIES}, without creating the others (some
         * build formatters when their class initialises).
         */
        static FunctionFamily create(int f) {
            return switch (f) {
                case 0 -> new MathFunctions();
                case 1 -> new ConditionalFunctions();
                case 2 -> new LogicFunctions();
                case 3 -> new InfoFunctions();
                case 4 -> new LookupFunctions();
                case 5 -> new TextFunctions();
                case 6 -> new DateFunctions();
                case 7 -> new FinanceFunctions();
                default -> throw new IllegalArgumentException("No built-in family " + f);
            };
        }

        static final List<List<String>> BY_FAMILY = List.of(
                List.of(
                        "ABS",
                        "AVERAGE",
                        "AVERAGEA",
                        "CEILING",
                        "COUNT",
                        "COUNTA",
                        "COUNTBLANK",
                        "EVEN",
                        "EXP",
                        "FACT",
                        "FLOOR",
                        "INT",
                        "LARGE",
                        "LN",
                        "LOG",
                        "LOG10",
                        "MAX",
                        "MEDIAN",
                        "MIN",
                        "MOD",
                        "MROUND",
                        "ODD",
                        "PI",
                        "POWER",
                        "PRODUCT",
                        "QUOTIENT",
                        "RAND",
                        "RANDBETWEEN",
                        "ROUND",
                        "ROUNDDOWN",
                        "ROUNDUP",
                        "SIGN",
                        "SMALL",
                        "SQRT",
                        "STDEV",
                        "STDEV.P",
                        "STDEV.S",
                        "SUM",
                        "SUMPRODUCT",
                        "SUMSQ",
                        "TRUNC",
                        "VAR",
                        "VAR.P",
                        "VAR.S"),
                List.of("AVERAGEIF", "AVERAGEIFS", "COUNTIF", "COUNTIFS", "MAXIFS", "MINIFS", "SUMIF", "SUMIFS"),
                List.of("AND", "CHOOSE", "FALSE", "IF", "IFERROR", "IFNA", "IFS", "NOT", "OR", "SWITCH", "TRUE", "XOR"),
                List.of(
                        "ERROR.TYPE",
                        "ISBLANK",
                        "ISERR",
                        "ISERROR",
                        "ISEVEN",
                        "ISLOGICAL",
                        "ISNA",
                        "ISNONTEXT",
                        "ISNUMBER",
                        "ISODD",
                        "ISTEXT",
                        "N",
                        "NA",
                        "T"),
                List.of(
                        "COLUMN", "COLUMNS", "HLOOKUP", "INDEX", "MATCH", "OFFSET", "ROW", "ROWS", "VLOOKUP", "XLOOKUP",
                        "XMATCH"),
                List.of(
                        "CHAR",
                        "CODE",
                        "CONCAT",
                        "CONCATENATE",
                        "EXACT",
                        "FIND",
                        "FIXED",
                        "LEFT",
                        "LEN",
                        "LOWER",
                        "MID",
                        "PROPER",
                        "REPLACE",
                        "REPT",
                        "RIGHT",
                        "SEARCH",
                        "SUBSTITUTE",
                        "TEXT",
                        "TEXTJOIN",
                        "TRIM",
                        "UPPER",
                        "VALUE"),
                List.of(
                        "DATE",
                        "DATEVALUE",
                        "DAY",
                        "DAYS",
                        "EDATE",
                        "EOMONTH",
                        "HOUR",
                        "MINUTE",
                        "MONTH",
                        "NETWORKDAYS",
                        "NOW",
                        "SECOND",
                        "TIME",
                        "TODAY",
                        "WEEKDAY",
                        "WORKDAY",
                        "YEAR"),
                List.of("DDB", "FV", "IPMT", "IRR", "NPER", "NPV", "PMT", "PPMT", "PV", "RATE", "SLN", "XIRR", "XNPV"));
    }
}
