package io.ledgerflow.sharing.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;

/**
 * A typed column: {@code text}, {@code number}, {@code boolean}, {@code date} (ISO yyyy-mm-dd) or
 * {@code decimal} with a {@code scale} (digits after the point, 0-38).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Column(
        @Schema(example = "rate") String name,

        @Schema(
                example = "decimal",
                allowableValues = {"text", "number", "boolean", "date", "decimal"})
        String type,

        @Schema(description = "decimal only: digits after the point", example = "4")
        Integer scale) {

    public static final Set<String> TYPES = Set.of("text", "number", "boolean", "date", "decimal");

    public static Column of(String name, String type) {
        return new Column(name, type, null);
    }

    public static Column decimal(String name, int scale) {
        return new Column(name, "decimal", scale);
    }

    /** Every value of this column's type is a value of {@code wider}'s type, unchanged. */
    public boolean widensTo(Column wider) {
        if (type.equals(wider.type)) {
            return !type.equals("decimal") || wider.scale >= scale;
        }
        return type.equals("decimal") && wider.type.equals("number");
    }
}
