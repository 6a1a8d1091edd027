package io.ledgerflow.formula.function;

import io.ledgerflow.formula.function.database.DatabaseFunctions;
import io.ledgerflow.formula.function.date.CalendarFunctions;
import io.ledgerflow.formula.function.date.DateFunctions;
import io.ledgerflow.formula.function.engineering.EngineeringFunctions;
import io.ledgerflow.formula.function.finance.FinanceFunctions;
import io.ledgerflow.formula.function.finance.SecuritiesFunctions;
import io.ledgerflow.formula.function.info.InfoFunctions;
import io.ledgerflow.formula.function.logic.LogicFunctions;
import io.ledgerflow.formula.function.lookup.ArrayFunctions;
import io.ledgerflow.formula.function.lookup.LookupFunctions;
import io.ledgerflow.formula.function.lookup.ReferenceFunctions;
import io.ledgerflow.formula.function.math.ConditionalFunctions;
import io.ledgerflow.formula.function.math.MathFunctions;
import io.ledgerflow.formula.function.math.TrigFunctions;
import io.ledgerflow.formula.function.stats.StatsFunctions;
import io.ledgerflow.formula.function.text.TextFunctions;
import io.ledgerflow.formula.function.text.TextPartsFunctions;
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
            new FinanceFunctions(),
            new TrigFunctions(),
            new EngineeringFunctions(),
            new StatsFunctions(),
            new DatabaseFunctions(),
            new ReferenceFunctions(),
            new CalendarFunctions(),
            new SecuritiesFunctions(),
            new TextPartsFunctions(),
            new ArrayFunctions());

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
                case 8 -> new TrigFunctions();
                case 9 -> new EngineeringFunctions();
                case 10 -> new StatsFunctions();
                case 11 -> new DatabaseFunctions();
                case 12 -> new ReferenceFunctions();
                case 13 -> new CalendarFunctions();
                case 14 -> new SecuritiesFunctions();
                case 15 -> new TextPartsFunctions();
                case 16 -> new ArrayFunctions();
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
                        "FORMULATEXT",
                        "ISBLANK",
                        "ISERR",
                        "ISERROR",
                        "ISEVEN",
                        "ISFORMULA",
                        "ISLOGICAL",
                        "ISNA",
                        "ISNONTEXT",
                        "ISNUMBER",
                        "ISODD",
                        "ISREF",
                        "ISTEXT",
                        "N",
                        "NA",
                        "T",
                        "TYPE"),
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
                List.of("DDB", "FV", "IPMT", "IRR", "NPER", "NPV", "PMT", "PPMT", "PV", "RATE", "SLN", "XIRR", "XNPV"),
                List.of(
                        "ACOS",
                        "ACOSH",
                        "ACOT",
                        "ACOTH",
                        "ARABIC",
                        "ASIN",
                        "ASINH",
                        "ATAN",
                        "ATAN2",
                        "ATANH",
                        "BASE",
                        "CEILING.MATH",
                        "CEILING.PRECISE",
                        "COMBIN",
                        "COMBINA",
                        "COS",
                        "COSH",
                        "COT",
                        "COTH",
                        "CSC",
                        "CSCH",
                        "DECIMAL",
                        "DEGREES",
                        "FACTDOUBLE",
                        "FLOOR.MATH",
                        "FLOOR.PRECISE",
                        "GCD",
                        "ISO.CEILING",
                        "LCM",
                        "MULTINOMIAL",
                        "PERMUT",
                        "RADIANS",
                        "ROMAN",
                        "SEC",
                        "SECH",
                        "SIN",
                        "SINH",
                        "SQRTPI",
                        "SUBTOTAL",
                        "SUMX2MY2",
                        "SUMX2PY2",
                        "SUMXMY2",
                        "TAN",
                        "TANH"),
                List.of(
                        "BIN2DEC",
                        "BIN2HEX",
                        "BIN2OCT",
                        "BITAND",
                        "BITLSHIFT",
                        "BITOR",
                        "BITRSHIFT",
                        "BITXOR",
                        "CONVERT",
                        "DEC2BIN",
                        "DEC2HEX",
                        "DEC2OCT",
                        "DELTA",
                        "GESTEP",
                        "HEX2BIN",
                        "HEX2DEC",
                        "HEX2OCT",
                        "OCT2BIN",
                        "OCT2DEC",
                        "OCT2HEX"),
                List.of(
                        "AVEDEV",
                        "BINOM.DIST",
                        "BINOMDIST",
                        "CONFIDENCE",
                        "CONFIDENCE.NORM",
                        "CORREL",
                        "COVAR",
                        "COVARIANCE.P",
                        "COVARIANCE.S",
                        "DEVSQ",
                        "EXPON.DIST",
                        "EXPONDIST",
                        "FISHER",
                        "FISHERINV",
                        "FORECAST",
                        "FORECAST.LINEAR",
                        "GAMMA",
                        "GAMMALN",
                        "GAMMALN.PRECISE",
                        "GAUSS",
                        "GEOMEAN",
                        "HARMEAN",
                        "INTERCEPT",
                        "KURT",
                        "MAXA",
                        "MINA",
                        "MODE",
                        "MODE.SNGL",
                        "NORM.DIST",
                        "NORM.INV",
                        "NORM.S.DIST",
                        "NORM.S.INV",
                        "NORMDIST",
                        "NORMINV",
                        "NORMSDIST",
                        "NORMSINV",
                        "PEARSON",
                        "PERCENTILE",
                        "PERCENTILE.EXC",
                        "PERCENTILE.INC",
                        "PERCENTRANK",
                        "PERCENTRANK.EXC",
                        "PERCENTRANK.INC",
                        "PHI",
                        "POISSON",
                        "POISSON.DIST",
                        "QUARTILE",
                        "QUARTILE.EXC",
                        "QUARTILE.INC",
                        "RANK",
                        "RANK.AVG",
                        "RANK.EQ",
                        "RSQ",
                        "SKEW",
                        "SLOPE",
                        "STANDARDIZE",
                        "STDEVA",
                        "STDEVP",
                        "STDEVPA",
                        "STEYX",
                        "TREND",
                        "VARA",
                        "VARP",
                        "VARPA"),
                List.of(
                        "DAVERAGE",
                        "DCOUNT",
                        "DCOUNTA",
                        "DGET",
                        "DMAX",
                        "DMIN",
                        "DPRODUCT",
                        "DSTDEV",
                        "DSTDEVP",
                        "DSUM",
                        "DVAR",
                        "DVARP"),
                List.of("ADDRESS", "INDIRECT", "LOOKUP"),
                List.of(
                        "DATEDIF",
                        "DAYS360",
                        "ISOWEEKNUM",
                        "NETWORKDAYS.INTL",
                        "TIMEVALUE",
                        "WEEKNUM",
                        "WORKDAY.INTL",
                        "YEARFRAC"),
                List.of(
                        "ACCRINT",
                        "CUMIPMT",
                        "CUMPRINC",
                        "DB",
                        "DOLLARDE",
                        "DOLLARFR",
                        "EFFECT",
                        "FVSCHEDULE",
                        "ISPMT",
                        "MIRR",
                        "NOMINAL",
                        "PDURATION",
                        "PRICE",
                        "RRI",
                        "SYD",
                        "VDB",
                        "YIELD"),
                List.of("CLEAN", "DOLLAR", "NUMBERVALUE", "TEXTAFTER", "TEXTBEFORE", "UNICHAR", "UNICODE"),
                List.of(
                        "CHOOSECOLS",
                        "CHOOSEROWS",
                        "DROP",
                        "FILTER",
                        "HSTACK",
                        "MMULT",
                        "SEQUENCE",
                        "SORT",
                        "SORTBY",
                        "TAKE",
                        "TOCOL",
                        "TOROW",
                        "TRANSPOSE",
                        "UNIQUE",
                        "VSTACK"));
    }
}
