package io.ledgerflow.calculation.document;

import io.ledgerflow.formula.parse.FormulaParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A defined name of a workbook: {@code TaxRate} standing for {@code =Rates!$B$1}, or a lambda.
 * {@code sheet} null: the workbook's; else it belongs to that sheet (a file's {@code localSheetId})
 * and shadows a workbook name of the same spelling in that sheet's formulas.
 *
 * @param formula the name's formula, with or without the leading {@code =}
 */
public record DefinedName(String name, String sheet, String formula) {

    /** The engine's spelling: {@code Name}, {@code Q1!Name} or {@code 'My Sheet'!Name}. */
    String engineKey() {
        if (sheet == null) {
            return name;
        }
        boolean plain = sheet.matches("[A-Za-z_][A-Za-z0-9_.]*");
        return (plain ? sheet : "'" + sheet.replace("'", "''") + "'") + "!" + name;
    }

    /** The names of an engine's map ({@code key -> formula}), sheet-scoped keys split. */
    static List<DefinedName> fromEngine(Map<String, String> names) {
        List<DefinedName> list = new ArrayList<>(names.size());
        names.forEach((key, formula) -> {
            int bang = key.lastIndexOf('!');
            String text = formula.startsWith("=") ? formula : "=" + formula;
            if (bang < 0) {
                list.add(new DefinedName(key, null, text));
            } else {
                String sheet = key.substring(0, bang);
                if (sheet.length() > 1 && sheet.startsWith("'") && sheet.endsWith("'")) {
                    sheet = sheet.substring(1, sheet.length() - 1).replace("''", "'");
                }
                list.add(new DefinedName(key.substring(bang + 1), sheet, text));
            }
        });
        return list;
    }

    /** Why the name cannot be defined, or null when it can: its spelling or its formula. */
    public String problem() {
        if (name == null || !name.matches("[A-Za-z_\\\\][A-Za-z0-9_.\\\\]{0,254}")) {
            return "a name starts with a letter, _ or \\ and has letters, digits, _, . or \\ (at most 255)";
        }
        if (name.matches("(?i)[A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*|[RC]")) {
            return "'" + name + "' is a cell reference, not a name";
        }
        if (formula == null || formula.isBlank()) {
            return "the name has no formula";
        }
        try {
            FormulaParser.parse(formula);
            return null;
        } catch (RuntimeException e) {
            return "its formula does not parse: " + e.getMessage();
        }
    }
}
