package io.ledgerflow.calculation.xlsx;

import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an import could not compute, cell by cell: formulas whose value is an error that says the
 * engine lacks something ({@code #NAME?}: an unknown function or name) or that the file's layout
 * prevents ({@code #CYCLE!}, {@code #SPILL!}), with the reason. Errors a formula computes on its
 * data ({@code #DIV/0!}, {@code #N/A}, ...) are values, not listed.
 */
public final class ImportReport {

    /** At most this many cells are listed; {@code total} counts them all. */
    static final int MAX_CELLS = 1_000;

    /** One cell: "Sheet!A1", its formula, its error and why. */
    public record Cell(String cell, String formula, String error, String reason) {}

    /** The cells listed (at most {@link #MAX_CELLS}) and how many there are. */
    public record Summary(int total, List<Cell> cells) {}

    /** What the engine compiles itself rather than looking up as functions (LET and LAMBDA's family). */
    private static final Set<String> COMPILED_FORMS =
            Set.of("LET", "LAMBDA", "MAP", "REDUCE", "SCAN", "BYROW", "BYCOL", "MAKEARRAY", "ISOMITTED");

    private ImportReport() {}

    /** The report of a workbook just imported (its latest revision). */
    public static Summary of(LoadedWorkbook loaded) {
        long rev = loaded.revision();
        List<Cell> cells = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, List<List<Object>>> sheet : loaded.contents(rev).entrySet()) {
            List<List<Object>> rows = sheet.getValue();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!(rows.get(r).get(c) instanceof String f) || !(f.startsWith("=") || f.startsWith("{="))) {
                        continue;
                    }
                    Value v = loaded.value(rev, sheet.getKey(), r, c);
                    String reason = reason(f, v);
                    if (reason == null) {
                        continue;
                    }
                    total++;
                    if (cells.size() < MAX_CELLS) {
                        cells.add(new Cell(sheet.getKey() + "!" + A1.cellName(r, c), f, v.toString(), reason));
                    }
                }
            }
        }
        return new Summary(total, cells);
    }

    static String reason(String formula, Value v) {
        if (v == ErrorValue.NAME) {
            TreeSet<String> unknown = new TreeSet<>();
            unknownFunctions(FormulaParser.parse(formula), unknown);
            return unknown.isEmpty()
                    ? "a name that is not defined in the workbook"
                    : "functions the engine does not know: " + String.join(", ", unknown);
        }
        if (v == ErrorValue.CYCLE) {
            return "a circular reference (iterative calculation is not supported)";
        }
        if (v == ErrorValue.SPILL) {
            return "its array cannot spill: the cells it needs are not empty";
        }
        return null;
    }

    private static void unknownFunctions(Expr e, TreeSet<String> out) {
        switch (e) {
            case Expr.Call call -> {
                if (!COMPILED_FORMS.contains(call.name())
                        && FunctionRegistry.builtins().lookup(call.name()) == null) {
                    out.add(call.name());
                }
                call.args().forEach(a -> unknownFunctions(a, out));
            }
            case Expr.Binary b -> {
                unknownFunctions(b.left(), out);
                unknownFunctions(b.right(), out);
            }
            case Expr.Unary u -> unknownFunctions(u.operand(), out);
            case Expr.Percent p -> unknownFunctions(p.operand(), out);
            case Expr.ArrayFormula a -> unknownFunctions(a.formula(), out);
            case Expr.Apply a -> {
                unknownFunctions(a.function(), out);
                a.args().forEach(x -> unknownFunctions(x, out));
            }
            default -> {}
        }
    }
}
