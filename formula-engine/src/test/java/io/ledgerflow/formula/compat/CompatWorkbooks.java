package io.ledgerflow.formula.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workbooks for the compatibility suite, generated from a seed: a shared "Data" sheet of mixed
 * values (numbers, negatives, a huge number, text numbers, booleans, blanks, texts, dates,
 * errors) and formulas instantiated from {@link #TEMPLATES} with random arguments; and realistic
 * accounting sheets (a ledger with summaries, a loan schedule, depreciation tables).
 */
final class CompatWorkbooks {

    private CompatWorkbooks() {}

    static final int DATA_ROWS = 30;

    /**
     * Formula templates. Placeholders: {n} number, {p} positive, {i} small integer 0-4, {k} 1-6,
     * {f} fraction, {c} numeric cell, {m} mixed cell, {r} numeric range, {r2} a range of the same
     * rows in another numeric column, {t} text, {d} date cell, {crit} a criterion, {cat} a
     * category cell.
     */
    static final String[] TEMPLATES = {
        // math
        "SUM({r})",
        "SUM({r},{n})",
        "SUM({m},{c})",
        "PRODUCT({r})",
        "SUMSQ({r})",
        "SUMPRODUCT({r},{r2})",
        "AVERAGE({r})",
        "AVERAGEA({r})",
        "COUNT({r})",
        "COUNTA({r})",
        "COUNTBLANK({r})",
        "MIN({r})",
        "MAX({r})",
        "MEDIAN({r})",
        "LARGE({r},{k})",
        "SMALL({r},{k})",
        "STDEV({r})",
        "STDEV.S({r})",
        "STDEV.P({r})",
        "VAR({r})",
        "VAR.S({r})",
        "VAR.P({r})",
        "ROUND({n},{i})",
        "ROUND({c},-1)",
        "ROUNDUP({n},{i})",
        "ROUNDDOWN({c},{i})",
        "TRUNC({n},{i})",
        "MROUND({p},{k})",
        "INT({n})",
        "MOD({n},{k})",
        "MOD({c},-3)",
        "QUOTIENT({n},{k})",
        "ABS({n})",
        "SIGN({c})",
        "POWER({p},{f})",
        "SQRT({p})",
        "SQRT({n})",
        "EXP({f})",
        "LN({p})",
        "LOG10({p})",
        "LOG({p},{k})",
        "CEILING({p},{f})",
        "CEILING({n},-1)",
        "FLOOR({p},{f})",
        "FLOOR({n},-2)",
        "EVEN({n})",
        "ODD({n})",
        "FACT({i})",
        "PI()*{n}",
        "SIN({n})",
        "COS({n})",
        "TAN({f})",
        "ASIN({f})",
        "ACOS({f})",
        "ATAN({n})",
        "ATAN2({n},{p})",
        "SINH({f})",
        "COSH({f})",
        "TANH({n})",
        "ASINH({n})",
        "ACOSH({p}+1)",
        "ATANH({f})",
        "ACOT({n})",
        "COT({p})",
        "CSC({p})",
        "SEC({n})",
        "COTH({p})",
        "CSCH({p})",
        "SECH({n})",
        "RADIANS({n})",
        "DEGREES({n})",
        "SQRTPI({p})",
        "CEILING.MATH({n},{k})",
        "FLOOR.MATH({n},{k})",
        "CEILING.MATH({n},{k},1)",
        "FLOOR.MATH({n},{k},1)",
        "CEILING.PRECISE({n},{k})",
        "FLOOR.PRECISE({n},{k})",
        "ISO.CEILING({n},{k})",
        "ROMAN({p})",
        "ARABIC(ROMAN({p}))",
        "GCD({k},12)",
        "LCM({k},4)",
        "COMBIN(10,{i})",
        "PERMUT(10,{i})",
        "FACTDOUBLE({k})",
        "MULTINOMIAL({k},{i})",
        "SUMX2MY2({r},{r2})",
        "SUMX2PY2({r},{r2})",
        "SUMXMY2({r},{r2})",
        "BASE({p}*100,{k}+1)",
        "DECIMAL(\"FF\",16)",
        "SUBTOTAL(9,{r})",
        "SUBTOTAL(1,{r})",
        "SUBTOTAL(4,{r})",
        // conditional aggregates
        "SUMIF(Data!B1:B30,{crit},Data!F1:F30)",
        "SUMIF(Data!A1:A30,{crit})",
        "COUNTIF(Data!B1:B30,{crit})",
        "COUNTIF(Data!A1:A30,{crit})",
        "COUNTIF(Data!D1:D30,{crit})",
        "AVERAGEIF(Data!B1:B30,{crit},Data!F1:F30)",
        "SUMIFS(Data!F1:F30,Data!B1:B30,{cat},Data!A1:A30,\">\"&{n})",
        "COUNTIFS(Data!B1:B30,{cat},Data!G1:G30,\"<=\"&{k})",
        "AVERAGEIFS(Data!F1:F30,Data!B1:B30,{cat})",
        "MAXIFS(Data!F1:F30,Data!B1:B30,{cat})",
        "MINIFS(Data!A1:A30,Data!G1:G30,\">\"&{k})",
        // logic and information
        "IF({c}>{n},\"hi\",\"lo\")",
        "IF({m},1,2)",
        "AND({c}>0,{n}<5)",
        "OR({m},{c}<0)",
        "NOT({c}>0)",
        "XOR({c}>0,{n}>0)",
        "IFERROR(1/{c},\"div\")",
        "IFNA(Data!K2,{n})",
        "IFS({c}>100,\"big\",{c}>0,\"pos\")",
        "SWITCH({k},1,\"one\",2,\"two\",\"many\")",
        "CHOOSE({k},\"a\",\"b\",\"c\",\"d\",\"e\",\"f\")",
        "ISBLANK({m})",
        "ISNUMBER({m})",
        "ISTEXT({m})",
        "ISNONTEXT({m})",
        "ISLOGICAL({m})",
        "ISERROR(Data!K1)",
        "ISERR(Data!K2)",
        "ISNA(Data!K2)",
        "ISEVEN({n})",
        "ISODD({n})",
        "N({m})",
        "T({m})",
        "TYPE({m})",
        "ERROR.TYPE(Data!K1)",
        "ISREF({c})",
        "ISFORMULA(Data!K1)",
        "NA()",
        // lookup
        "VLOOKUP({n}*10,Data!I1:J30,2)",
        "VLOOKUP({cat},Data!B1:F30,5,FALSE)",
        "HLOOKUP(\"b\",Data!M1:P2,2,FALSE)",
        "INDEX(Data!A1:F30,{k},{k})",
        "MATCH({n}*10,Data!I1:I30)",
        "MATCH({cat},Data!B1:B30,0)",
        "XLOOKUP({cat},Data!B1:B30,Data!F1:F30,\"none\")",
        "XMATCH({n}*10,Data!I1:I30,1)",
        "ROWS({r})",
        "COLUMNS(Data!A1:F2)",
        "ROW({c})",
        "COLUMN({c})",
        "SUM(OFFSET(Data!A1,{k},0,3,1))",
        "INDIRECT(\"Data!A\"&{k})",
        "SUM(INDIRECT(\"Data!F1:F\"&({k}+3)))",
        "ADDRESS({k},{k},{k})",
        "LOOKUP({n}*10,Data!I1:I30,Data!J1:J30)",
        // text
        "LEN({t})",
        "LEFT({t},{i})",
        "RIGHT({t},{i})",
        "MID({t},{k},{i})",
        "UPPER({t})",
        "LOWER({t})",
        "PROPER({t})",
        "TRIM({t})",
        "FIND(\"a\",{t})",
        "SEARCH(\"A\",{t})",
        "SUBSTITUTE({t},\"a\",\"o\")",
        "REPLACE({t},{k},{i},\"-\")",
        "REPT(\"ab\",{i})",
        "CONCATENATE({t},{n})",
        "CONCAT({t},\"/\",{c})",
        "TEXTJOIN(\",\",TRUE,Data!H1:H6)",
        "EXACT({t},\"Alpha beta\")",
        "VALUE(\"12.5\")",
        "VALUE({m})",
        "TEXT({n},\"0.00\")",
        "TEXT({c},\"#,##0\")",
        "TEXT({d},\"yyyy-mm-dd\")",
        "TEXT({f},\"0%\")",
        "FIXED({n},{i})",
        "DOLLAR({n},{i})",
        "CHAR(65+{k})",
        "CODE({t})",
        "CLEAN({t})",
        "UNICHAR(65+{k})",
        "UNICODE({t})",
        "NUMBERVALUE(\"1.234,5\",\",\",\".\")",
        "TEXTBEFORE(\"a-b-c\",\"-\",{k})",
        "TEXTAFTER(\"a-b-c\",\"-\",{k})",
        "{t}&{n}",
        // dates
        "DATE(2020,{k},{n})",
        "YEAR({d})",
        "MONTH({d})",
        "DAY({d})",
        "EDATE({d},{n})",
        "EOMONTH({d},{i})",
        "DAYS({d},{d2})",
        "NETWORKDAYS({d},{d}+{k}*10)",
        "WORKDAY({d},{k}*7)",
        "WEEKDAY({d},{k})",
        "TIME({k},{k}*7,{i})",
        "HOUR({f})",
        "MINUTE({f})",
        "SECOND({f})",
        "DATEVALUE(\"2021-03-0\"&{k})",
        "DAYS360({d},{d2})",
        "DAYS360({d},{d2},TRUE)",
        "YEARFRAC({d},{d2},{i})",
        "DATEDIF(MIN({d},{d2}),MAX({d},{d2}),\"M\")",
        "DATEDIF(MIN({d},{d2}),MAX({d},{d2}),\"YD\")",
        "WEEKNUM({d},2)",
        "ISOWEEKNUM({d})",
        "WORKDAY.INTL({d},{k}*5,{k})",
        "NETWORKDAYS.INTL({d},{d}+{k}*9,{k}+10)",
        "TIMEVALUE(\"{k}:30 PM\")",
        // finance
        "PMT({f}/12,{k}*12,10000)",
        "FV({f}/12,{k}*12,-100)",
        "PV({f}/12,{k}*12,-500)",
        "IPMT({f}/12,{k},36,8000)",
        "PPMT({f}/12,{k},36,8000)",
        "NPER({f}/12,-200,5000)",
        "RATE(36,-300,9000)",
        "NPV({f},{r})",
        "IRR(Data!L1:L6)",
        "SLN(10000,1000,{k})",
        "DDB(10000,1000,6,{k})",
        "MIRR(Data!L1:L6,{f},{f})",
        "CUMIPMT({f}/12,60,20000,1,{k}*6,0)",
        "CUMPRINC({f}/12,60,20000,{k},{k}+12,0)",
        "EFFECT({f},{k})",
        "NOMINAL({f},{k})",
        "DB(10000,1000,6,{k})",
        "VDB(10000,1000,6,0,{k})",
        "SYD(10000,1000,6,{k})",
        "ISPMT({f}/12,{k},36,8000)",
        "PDURATION({f},1000,2000)",
        "RRI({k},1000,2000)",
        "DOLLARDE(1.{k},16)",
        "DOLLARFR(1.{k},16)",
        // statistics
        "PERCENTILE({r},{f})",
        "PERCENTILE.INC({r},{f})",
        "PERCENTILE.EXC({r},{f})",
        "QUARTILE({r},{i})",
        "QUARTILE.INC({r},{i})",
        "QUARTILE.EXC({r},{k})",
        "RANK({c},{r})",
        "RANK.EQ({c},{r},1)",
        "RANK.AVG({c},{r})",
        "PERCENTRANK({r},{c})",
        "MODE(Data!G1:G30)",
        "MODE.SNGL(Data!G1:G30)",
        "STDEVP({r})",
        "VARP({r})",
        "STDEVA({r})",
        "VARA({r})",
        "MAXA({r})",
        "MINA({r})",
        "AVEDEV({r})",
        "DEVSQ({r})",
        "GEOMEAN(Data!E1:E30)",
        "HARMEAN(Data!E1:E30)",
        "SKEW({r})",
        "KURT({r})",
        "CORREL({r},{r2})",
        "PEARSON({r},{r2})",
        "RSQ({r},{r2})",
        "COVARIANCE.P({r},{r2})",
        "COVARIANCE.S({r},{r2})",
        "SLOPE({r},{r2})",
        "INTERCEPT({r},{r2})",
        "STEYX({r},{r2})",
        "FORECAST({n},{r},{r2})",
        "FORECAST.LINEAR({n},{r},{r2})",
        "STANDARDIZE({n},{p},{p})",
        "NORM.DIST({n},{p},{p},TRUE)",
        "NORM.DIST({n},{p},{p},FALSE)",
        "NORM.S.DIST({n},TRUE)",
        "NORMSDIST({n})",
        "NORM.INV({f},{n},{p})",
        "NORM.S.INV({f})",
        "EXPON.DIST({p},{p},TRUE)",
        "BINOM.DIST({i},6,{f},FALSE)",
        "BINOM.DIST({i},6,{f},TRUE)",
        "POISSON.DIST({i},{p},TRUE)",
        "CONFIDENCE.NORM(0.05,{p},{k}+10)",
        "GAMMALN({p})",
        "GAMMA({p})",
        "FISHER({f})",
        "FISHERINV({n})",
        "PHI({n})",
        "GAUSS({n})",
        // engineering
        "DEC2BIN({k}*9)",
        "DEC2HEX({n}*100)",
        "DEC2OCT({k}*50)",
        "BIN2DEC(\"1011\")",
        "HEX2DEC(\"FFFFFFFF5B\")",
        "OCT2DEC(\"777\")",
        "HEX2BIN(\"1F\",8)",
        "CONVERT({p},\"km\",\"mi\")",
        "CONVERT({n},\"C\",\"F\")",
        "CONVERT({p},\"lbm\",\"kg\")",
        "DELTA({k},3)",
        "GESTEP({n},1)",
        "BITAND({k}*3,12)",
        "BITXOR({k},5)",
        // database
        "DSUM(Data!B1:F30,\"Amount\",Data!R1:R2)",
        "DCOUNT(Data!B1:F30,\"Amount\",Data!R1:R2)",
        "DAVERAGE(Data!B1:F30,5,Data!R1:R2)",
        "DMAX(Data!B1:F30,\"Amount\",Data!R1:R2)",
        "DMIN(Data!B1:F30,\"Amount\",Data!R1:R2)",
    };

    private static final double[] NUMBERS = {0, 1, -1, 2.5, -3.75, 7, 100, 0.001, 12345.678, -0.5, 3, 42.42, -250};
    private static final double[] POSITIVE = {0.5, 1, 2, 3.7, 10, 42, 100, 1000};
    private static final double[] FRACTIONS = {0.1, 0.25, 0.5, 0.75, 0.9, 0.05};
    private static final String[] CRITERIA = {
        "\">10\"",
        "\"<0\"",
        "\"north\"",
        "\"<>north\"",
        "\"=5\"",
        "\">=100\"",
        "\"<>\"",
        "\"\"",
        "\"n*\"",
        "\">\"&Data!A3",
        "\"<>\"&Data!B4",
        "5"
    };
    private static final String[] PHRASES = {
        "Alpha beta", "  spaced   text ", "x-y-z", "Invoice 2024/07", "ledger", "", "Ça va", "MiXeD CaSe", "a", "12"
    };
    private static final String[] REGIONS = {"north", "south", "east", "west"};

    /** The Data sheet: columns A-L as the placeholders expect; R1:R2 a criteria range. */
    static Object[][] data(Random rnd) {
        Object[][] d = new Object[DATA_ROWS][18];
        for (int r = 0; r < DATA_ROWS; r++) {
            d[r][0] = r == 4 ? 1e15 : r == 9 ? 0.0 : Math.round((rnd.nextDouble() * 550 - 50) * 100) / 100.0;
            d[r][1] = r % 7 == 6 ? null : REGIONS[rnd.nextInt(REGIONS.length)];
            d[r][2] = (double) (40000 + rnd.nextInt(6000));
            d[r][3] = switch (r % 6) {
                case 0 -> (double) rnd.nextInt(100);
                case 1 -> "12";
                case 2 -> Boolean.TRUE;
                case 3 -> null;
                case 4 -> "abc";
                default -> -7.5;
            };
            d[r][4] = Math.round((0.5 + rnd.nextDouble() * 99.5) * 10) / 10.0;
            d[r][5] = Math.round((rnd.nextDouble() * 6000 - 1000) * 100) / 100.0;
            d[r][6] = (double) (1 + rnd.nextInt(12));
            d[r][7] = PHRASES[r % PHRASES.length];
            d[r][8] = (double) (10 * (r + 1));
            d[r][9] = "L" + (r + 1);
        }
        d[0][1] = "Region";
        d[0][5] = "Amount";
        d[0][10] = "=1/0";
        d[1][10] = "=NA()";
        d[2][10] = 5.0;
        double[] flows = {-10000, 2750, 4250, 3250, 2750, 1200};
        for (int i = 0; i < flows.length; i++) {
            d[i][11] = flows[i];
        }
        String[] hdr = {"a", "b", "c", "d"};
        for (int i = 0; i < 4; i++) {
            d[0][12 + i] = hdr[i];
            d[1][12 + i] = (double) (i + 1);
        }
        d[0][17] = "Region";
        d[1][17] = "north";
        return d;
    }

    private static final Pattern HOLE = Pattern.compile("\\{(n|p|i|k|f|c|m|r2|r|t|d2|d|crit|cat)}");

    static String instantiate(String template, Random rnd) {
        Matcher m = HOLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        int[] range = {1, 10, 0};
        while (m.find()) {
            String rep = switch (m.group(1)) {
                case "n" -> num(NUMBERS[rnd.nextInt(NUMBERS.length)]);
                case "p" -> num(POSITIVE[rnd.nextInt(POSITIVE.length)]);
                case "i" -> String.valueOf(rnd.nextInt(5));
                case "k" -> String.valueOf(1 + rnd.nextInt(6));
                case "f" -> num(FRACTIONS[rnd.nextInt(FRACTIONS.length)]);
                case "c" -> "Data!" + "AEF".charAt(rnd.nextInt(3)) + (1 + rnd.nextInt(DATA_ROWS));
                case "m" -> "Data!D" + (1 + rnd.nextInt(DATA_ROWS));
                case "r" -> {
                    range[0] = 1 + rnd.nextInt(10);
                    range[1] = range[0] + 2 + rnd.nextInt(15);
                    range[2] = rnd.nextInt(4);
                    yield "Data!" + "AEFD".charAt(range[2]) + range[0] + ":" + "AEFD".charAt(range[2]) + range[1];
                }
                case "r2" -> {
                    char col = "EFAG".charAt(range[2]);
                    yield "Data!" + col + range[0] + ":" + col + range[1];
                }
                case "t" ->
                    rnd.nextInt(4) == 0
                            ? "\"" + PHRASES[rnd.nextInt(PHRASES.length)] + "\""
                            : "Data!H" + (1 + rnd.nextInt(DATA_ROWS));
                case "d" -> "Data!C" + (1 + rnd.nextInt(DATA_ROWS));
                case "d2" -> "Data!C" + (1 + rnd.nextInt(DATA_ROWS));
                case "crit" -> CRITERIA[rnd.nextInt(CRITERIA.length)];
                case "cat" -> rnd.nextInt(5) == 0 ? "\"east\"" : "Data!B" + (2 + rnd.nextInt(DATA_ROWS - 1));
                default -> throw new IllegalStateException(m.group(1));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return d < 0 ? "(" + d + ")" : Double.toString(d);
    }

    /** The function workbooks: {@code files} workbooks sharing the templates, each with its Data sheet. */
    static Map<String, Map<String, Object[][]>> functionWorkbooks(long seed, int files, int perTemplate) {
        Random rnd = new Random(seed);
        Map<String, Map<String, Object[][]>> books = new LinkedHashMap<>();
        List<List<String>> formulas = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            formulas.add(new ArrayList<>());
        }
        int t = 0;
        for (String template : TEMPLATES) {
            for (int k = 0; k < perTemplate; k++) {
                formulas.get(t % files).add("=" + instantiate(template, rnd));
            }
            t++;
        }
        for (int f = 0; f < files; f++) {
            Map<String, Object[][]> sheets = new LinkedHashMap<>();
            sheets.put("Data", data(new Random(seed + f)));
            List<String> fs = formulas.get(f);
            Object[][] sheet = new Object[fs.size()][1];
            for (int i = 0; i < fs.size(); i++) {
                sheet[i][0] = fs.get(i);
            }
            sheets.put("F", sheet);
            books.put("functions-" + (f + 1), sheets);
        }
        return books;
    }

    /** A ledger with per-account and per-month summaries, a loan schedule, depreciation tables. */
    static Map<String, Map<String, Object[][]>> accountingWorkbooks(long seed, int ledgerRows) {
        Random rnd = new Random(seed);
        String[] accounts = {"4000 Sales", "4100 Services", "5000 COGS", "6100 Rent", "6200 Salaries", "6300 Travel"};
        Object[][] ledger = new Object[ledgerRows + 1][9];
        ledger[0] = new Object[] {"Date", "Account", "Region", "Net", "VAT rate", "VAT", "Gross", "Balance", "Month"};
        for (int r = 1; r <= ledgerRows; r++) {
            int row = r + 1;
            ledger[r][0] = (double) (45292 + rnd.nextInt(366));
            ledger[r][1] = accounts[rnd.nextInt(accounts.length)];
            ledger[r][2] = REGIONS[rnd.nextInt(REGIONS.length)];
            ledger[r][3] = Math.round((rnd.nextDouble() * 9000 - 1500) * 100) / 100.0;
            ledger[r][4] = "=VLOOKUP(C" + row + ",Rates!$A$2:$B$5,2,FALSE)";
            ledger[r][5] = "=ROUND(D" + row + "*E" + row + ",2)";
            ledger[r][6] = "=D" + row + "+F" + row;
            ledger[r][7] = r == 1 ? "=G2" : "=H" + (row - 1) + "+G" + row;
            ledger[r][8] = "=TEXT(A" + row + ",\"yyyy-mm\")";
        }
        Object[][] rates = {{"Region", "Rate"}, {"north", 0.2}, {"south", 0.19}, {"east", 0.21}, {"west", 0.07}};
        int n = ledgerRows + 1;
        Object[][] summary = new Object[accounts.length + 14][6];
        summary[0] = new Object[] {"Account", "Net", "Gross", "Count", "Average", "Share"};
        for (int i = 0; i < accounts.length; i++) {
            int row = i + 2;
            summary[i + 1][0] = accounts[i];
            summary[i + 1][1] = "=SUMIFS(Ledger!$D$2:$D$" + n + ",Ledger!$B$2:$B$" + n + ",A" + row + ")";
            summary[i + 1][2] = "=SUMIF(Ledger!$B$2:$B$" + n + ",A" + row + ",Ledger!$G$2:$G$" + n + ")";
            summary[i + 1][3] = "=COUNTIFS(Ledger!$B$2:$B$" + n + ",A" + row + ",Ledger!$D$2:$D$" + n + ",\">0\")";
            summary[i + 1][4] =
                    "=IFERROR(AVERAGEIFS(Ledger!$D$2:$D$" + n + ",Ledger!$B$2:$B$" + n + ",A" + row + "),0)";
            summary[i + 1][5] = "=IF(SUM($B$2:$B$7)=0,0,ROUND(B" + row + "/SUM($B$2:$B$7),4))";
        }
        for (int m = 1; m <= 12; m++) {
            int row = accounts.length + 1 + m;
            summary[row - 1][0] = "=TEXT(DATE(2024," + m + ",1),\"yyyy-mm\")";
            summary[row - 1][1] = "=SUMIFS(Ledger!$D$2:$D$" + n + ",Ledger!$A$2:$A$" + n + ",\">=\"&DATE(2024," + m
                    + ",1),Ledger!$A$2:$A$" + n + ",\"<=\"&EOMONTH(DATE(2024," + m + ",1),0))";
            summary[row - 1][2] = "=COUNTIF(Ledger!$I$2:$I$" + n + ",A" + row + ")";
            summary[row - 1][3] = "=MAXIFS(Ledger!$D$2:$D$" + n + ",Ledger!$I$2:$I$" + n + ",A" + row + ")";
            summary[row - 1][4] = "=NETWORKDAYS(DATE(2024," + m + ",1),EOMONTH(DATE(2024," + m + ",1),0))";
        }
        summary[accounts.length + 13][0] = "Check";
        summary[accounts.length + 13][1] = "=IF(ROUND(SUM(B2:B7)-SUM(Ledger!D2:D" + n + "),2)=0,\"balanced\",\"off\")";
        Map<String, Object[][]> book = new LinkedHashMap<>();
        book.put("Ledger", ledger);
        book.put("Rates", rates);
        book.put("Summary", summary);

        Object[][] loan = new Object[62][6];
        loan[0] = new Object[] {"Principal", 250000.0, "Rate", 0.045, "Years", 5.0};
        loan[1] = new Object[] {"Payment", "=PMT(D1/12,F1*12,-B1)", "Total interest", "=SUM(C4:C63)", null, null};
        loan[2] = new Object[] {"Period", "Payment", "Interest", "Principal", "Balance", "Cumulative"};
        for (int p = 1; p <= 59; p++) {
            int row = p + 3;
            String prevBal = p == 1 ? "$B$1" : "E" + (row - 1);
            loan[p + 2] = new Object[] {
                (double) p,
                "=ROUND($B$2,2)",
                "=ROUND(" + prevBal + "*$D$1/12,2)",
                "=B" + row + "-C" + row,
                "=" + prevBal + "-D" + row,
                "=CUMPRINC($D$1/12,$F$1*12,$B$1,1,A" + row + ",0)"
            };
        }
        Object[][] dep = new Object[12][7];
        dep[0] = new Object[] {"Year", "SLN", "DDB", "SYD", "DB", "VDB", "Book (DDB)"};
        for (int y = 1; y <= 10; y++) {
            int row = y + 1;
            dep[y] = new Object[] {
                (double) y,
                "=SLN(48000,3000,10)",
                "=DDB(48000,3000,10,A" + row + ")",
                "=SYD(48000,3000,10,A" + row + ")",
                "=DB(48000,3000,10,A" + row + ",7)",
                "=VDB(48000,3000,10,A" + row + "-1,A" + row + ")",
                y == 1 ? "=48000-C2" : "=G" + (row - 1) + "-C" + row
            };
        }
        dep[11] = new Object[] {
            "Total", "=SUM(B2:B11)", "=SUM(C2:C11)", "=SUM(D2:D11)", "=SUM(E2:E11)", "=SUM(F2:F11)", "=ROUND(G11,2)"
        };
        Map<String, Object[][]> schedules = new LinkedHashMap<>();
        schedules.put("Loan", loan);
        schedules.put("Depreciation", dep);
        Map<String, Map<String, Object[][]>> books = new LinkedHashMap<>();
        books.put("ledger", book);
        books.put("schedules", schedules);
        return books;
    }
}
