package io.ledgerflow.calculation.document;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of an {@link Operation} in the revision log, told apart by its kind. */
@Component
public class OperationCodec {

    private final JsonMapper json = JsonMapper.builder().build();

    public String encode(Operation operation) {
        return json.writeValueAsString(operation);
    }

    public Operation decode(String kind, String text) {
        return switch (kind) {
            case "create" -> json.readValue(text, Operation.Create.class);
            case "set-cells" -> json.readValue(text, Operation.SetCells.class);
            case "restructure" -> json.readValue(text, Operation.Restructure.class);
            case "add-sheet" -> json.readValue(text, Operation.AddSheet.class);
            case "rename-sheet" -> json.readValue(text, Operation.RenameSheet.class);
            case "reorder-sheets" -> json.readValue(text, Operation.ReorderSheets.class);
            case "remove-sheet" -> json.readValue(text, Operation.RemoveSheet.class);
            case "move-range" -> json.readValue(text, Operation.MoveRange.class);
            case "delete" -> new Operation.Delete();
            default -> throw new IllegalStateException("unknown operation kind in the revision log: " + kind);
        };
    }
}
