package io.ledgerflow.calculation.cell;

import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A computed value as it travels in responses and events: its type and its JSON value. Errors
 * are values too ({@code {"type":"error","value":"#DIV/0!"}}), as in a spreadsheet.
 */
@Schema(description = "A cell's value: number, text, boolean, empty or error")
public record CellValue(
        @Schema(
                allowableValues = {"number", "text", "boolean", "empty", "error"},
                example = "number")
        String type,

        @Schema(example = "42.5") Object value) {

    public static CellValue of(Value value) {
        return switch (value) {
            case NumberValue number -> new CellValue("number", number.value());
            case TextValue text -> new CellValue("text", text.value());
            case BooleanValue bool -> new CellValue("boolean", bool.value());
            case EmptyValue empty -> new CellValue("empty", null);
            case ErrorValue error -> new CellValue("error", error.text());
        };
    }
}
