package io.ledgerflow.formula.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.value.ErrorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** parse(print(e)) == e for random syntax trees, and printing is a fixed point. */
class ParsePrintProperties {

    private static final String[] OPS = {"+", "-", "*", "/", "^", "&", "=", "<>", "<", "<=", ">", ">="};
    private static final String[] SHEETS = {null, "Sheet1", "My Sheet", "it's", "A1", "TRUE", "Q4.2024"};
    private static final String[] FUNCS = {"SUM", "IF", "VLOOKUP", "STDEV.S", "LOG10", "NOSUCH"};

    static Expr random(Random rnd, int depth) {
        int k = depth <= 0 ? rnd.nextInt(7) : rnd.nextInt(12);
        return switch (k) {
            case 0 -> new Expr.Num(rnd.nextBoolean() ? rnd.nextInt(1000) : Math.abs(rnd.nextDouble() * 1e6));
            case 1 -> new Expr.Str(rnd.nextBoolean() ? "a\"b" : "x y");
            case 2 -> new Expr.Bool(rnd.nextBoolean());
            case 3 -> new Expr.Err(ErrorValue.values()[rnd.nextInt(ErrorValue.values().length)]);
            case 4 ->
                new Expr.CellRef(
                        SHEETS[rnd.nextInt(SHEETS.length)],
                        rnd.nextInt(Expr.MAX_ROW + 1),
                        rnd.nextInt(Expr.MAX_COL + 1),
                        rnd.nextBoolean(),
                        rnd.nextBoolean());
            case 5 -> area(rnd);
            case 6 -> new Expr.Name(rnd.nextBoolean() ? "TaxRate" : "_rate.2");
            case 7 -> new Expr.Unary(rnd.nextBoolean() ? '-' : '+', random(rnd, depth - 1));
            case 8 -> new Expr.Percent(random(rnd, depth - 1));
            case 9, 10 -> new Expr.Binary(OPS[rnd.nextInt(OPS.length)], random(rnd, depth - 1), random(rnd, depth - 1));
            default -> {
                List<Expr> args = new ArrayList<>();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    args.add(rnd.nextInt(6) == 0 && n > 1 ? new Expr.Missing() : random(rnd, depth - 1));
                }
                yield new Expr.Call(FUNCS[rnd.nextInt(FUNCS.length)], args);
            }
        };
    }

    static Expr area(Random rnd) {
        String sheet = SHEETS[rnd.nextInt(SHEETS.length)];
        int kind = rnd.nextInt(3);
        int a = rnd.nextInt(100);
        int b = a + rnd.nextInt(100);
        int c = rnd.nextInt(50);
        int d = c + rnd.nextInt(50);
        boolean[] f = {rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()};
        return switch (kind) {
            case 0 -> new Expr.AreaRef(sheet, a, c, b, d, f[0], f[1], f[2], f[3], Expr.AreaKind.CELLS);
            case 1 -> new Expr.AreaRef(sheet, 0, c, Expr.MAX_ROW, d, true, f[1], true, f[3], Expr.AreaKind.COLUMNS);
            default -> new Expr.AreaRef(sheet, a, 0, b, Expr.MAX_COL, f[0], true, f[2], true, Expr.AreaKind.ROWS);
        };
    }

    @Property(tries = 200)
    void parseOfPrintIsTheSameTree(@ForAll long seed) {
        Expr e = random(new Random(seed), 4);
        String text = FormulaPrinter.print(e);
        assertThat(FormulaParser.parse(text)).as(text).isEqualTo(e);
    }

    @Property(tries = 200)
    void printIsAFixedPointOfParse(@ForAll long seed) {
        String text = FormulaPrinter.print(random(new Random(seed), 4));
        String again = FormulaPrinter.print(FormulaParser.parse(text));
        assertThat(again).isEqualTo(text);
    }
}
