package io.ledgerflow.calculation.workbook;

import io.ledgerflow.formula.parse.FormulaParser;
import io.ledgerflow.formula.parse.ParseException;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * What a workbook may hold: sheet names Excel accepts, and cells of a number, text, a boolean,
 * nothing, or a formula (text starting "=").
 */
public final class Contents {

    private Contents() {}

    /** Rejects a sheet name Excel would refuse: 1-31 characters, none of {@code [ ] : * ? / \}. */
    public static void checkSheetName(String field, String name) {
        if (name == null || name.isBlank() || name.length() > 31 || name.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new InvalidInputException(
                    field, "'" + name + "' is not a sheet name: 1-31 characters, none of [ ] : * ? / \\");
        }
    }

    /** Rejects contents the engine cannot take, naming the field; parses formulas to find syntax errors. */
    public static void check(String field, Object content, CalculationLimits limits) {
        switch (content) {
            case null -> {}
            case Number number -> {
                if (!Double.isFinite(number.doubleValue())) {
                    throw new InvalidInputException(field, "numbers must be finite");
                }
            }
            case Boolean bool -> {}
            case String text when text.startsWith("=") && text.length() > 1 -> checkFormula(field, text, limits);
            case String text -> {
                if (text.length() > 32_767) {
                    throw new InvalidInputException(field, "text is at most 32,767 characters, as in Excel");
                }
            }
            case List<?> list -> throw new InvalidInputException(field, "a cell holds one value, not a list");
            case Map<?, ?> map -> throw new InvalidInputException(field, "a cell holds one value, not an object");
            default -> throw new InvalidInputException(field, "unsupported content " + content);
        }
    }

    private static void checkFormula(String field, String formula, CalculationLimits limits) {
        if (formula.length() > limits.maxFormulaLength()) {
            throw new InvalidInputException(
                    field,
                    "a formula is at most " + limits.maxFormulaLength() + " characters; this one has "
                            + formula.length());
        }
        try {
            FormulaParser.parse(formula);
        } catch (ParseException e) {
            throw new FormulaSyntaxException(field, formula, e.position(), e.getMessage());
        }
    }

    /** A formula that does not parse: names the field, the formula and the 0-based position. */
    public static final class FormulaSyntaxException extends InvalidInputException {
        private final String formula;
        private final int position;

        FormulaSyntaxException(String field, String formula, int position, String message) {
            super(field, "formula " + formula + " has a syntax error: " + message);
            this.formula = formula;
            this.position = position;
        }

        public String formula() {
            return formula;
        }

        public int position() {
            return position;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("formula", formula, "position", position);
        }
    }
}
