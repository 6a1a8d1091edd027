package io.ledgerflow.calculation.structure;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.Operation;
import io.ledgerflow.calculation.linkedvalue.LinkedCells;
import io.ledgerflow.calculation.workbook.CalculationLimits;
import io.ledgerflow.calculation.workbook.Contents;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.formula.parse.Expr;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of a workbook's shape. References adjust as Excel adjusts them (the engine does it);
 * each change is one revision, publishes the values it changed and a WorkbookStructureChanged.
 */
@Service
public class Structures {

    private final Cells cells;
    private final LinkedCells linkedCells;
    private final Outbox outbox;
    private final CalculationLimits limits;

    Structures(Cells cells, LinkedCells linkedCells, Outbox outbox, CalculationLimits limits) {
        this.cells = cells;
        this.linkedCells = linkedCells;
        this.outbox = outbox;
        this.limits = limits;
    }

    @Transactional
    public Cells.Edit addSheet(String workspace, UUID id, Long expectedRevision, String name, List<List<Object>> rows) {
        Contents.checkSheetName("name", name);
        if (rows != null) {
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; rows.get(r) != null && c < rows.get(r).size(); c++) {
                    Contents.check("rows[" + r + "][" + c + "]", rows.get(r).get(c), limits);
                }
            }
        }
        return apply(workspace, id, expectedRevision, new Operation.AddSheet(name, rows), loaded -> {
            if (loaded.sheetNames().stream().anyMatch(existing -> existing.equalsIgnoreCase(name))) {
                throw new InvalidInputException("name", "the workbook already has a sheet '" + name + "'");
            }
            if (loaded.sheetNames().size() >= limits.maxSheets()) {
                throw new InvalidInputException("name", "a workbook has at most " + limits.maxSheets() + " sheets");
            }
        });
    }

    @Transactional
    public Cells.Edit renameSheet(String workspace, UUID id, Long expectedRevision, String from, String to) {
        Contents.checkSheetName("name", to);
        return apply(workspace, id, expectedRevision, new Operation.RenameSheet(from, to), loaded -> {
            loaded.requireSheet("sheet", from);
            if (!from.equalsIgnoreCase(to)
                    && loaded.sheetNames().stream().anyMatch(existing -> existing.equalsIgnoreCase(to))) {
                throw new InvalidInputException("name", "the workbook already has a sheet '" + to + "'");
            }
        });
    }

    @Transactional
    public Cells.Edit reorderSheets(String workspace, UUID id, Long expectedRevision, List<String> order) {
        return apply(workspace, id, expectedRevision, new Operation.ReorderSheets(List.copyOf(order)), loaded -> {
            if (order.size() != loaded.sheetNames().size()
                    || !order.stream()
                            .map(n -> n.toLowerCase(Locale.ROOT))
                            .collect(java.util.stream.Collectors.toSet())
                            .equals(loaded.sheetNames().stream()
                                    .map(n -> n.toLowerCase(Locale.ROOT))
                                    .collect(java.util.stream.Collectors.toSet()))) {
                throw new InvalidInputException(
                        "sheets", "name every sheet once, in the new order; the sheets are " + loaded.sheetNames());
            }
        });
    }

    @Transactional
    public Cells.Edit removeSheet(String workspace, UUID id, Long expectedRevision, String name) {
        return apply(workspace, id, expectedRevision, new Operation.RemoveSheet(name), loaded -> {
            loaded.requireSheet("sheet", name);
            if (loaded.sheetNames().size() == 1) {
                throw new InvalidInputException("sheet", "a workbook keeps at least one sheet");
            }
        });
    }

    /** Inserts ({@code insert}) or deletes {@code count} rows or columns at {@code at} (0-based). */
    @Transactional
    public Cells.Edit restructure(
            String workspace,
            UUID id,
            Long expectedRevision,
            String sheet,
            boolean rows,
            boolean insert,
            int at,
            int count) {
        int max = rows ? Expr.MAX_ROW : Expr.MAX_COL;
        if (at < 0 || at > max) {
            throw new InvalidInputException("at", "at is a 0-based index from 0 to " + max);
        }
        if (count < 1 || count > max + 1 - at) {
            throw new InvalidInputException("count", "count is from 1 to " + (max + 1 - at));
        }
        Operation.Restructure.Kind kind = rows
                ? (insert ? Operation.Restructure.Kind.INSERT_ROWS : Operation.Restructure.Kind.DELETE_ROWS)
                : (insert ? Operation.Restructure.Kind.INSERT_COLUMNS : Operation.Restructure.Kind.DELETE_COLUMNS);
        return apply(
                workspace,
                id,
                expectedRevision,
                new Operation.Restructure(kind, sheet, at, count),
                loaded -> loaded.requireSheet("sheet", sheet));
    }

    @Transactional
    public Cells.Edit move(String workspace, UUID id, Long expectedRevision, String from, String to) {
        CellRange source = CellRange.parse("from", from);
        CellRange target = CellRange.parse("to", to);
        if (!target.isSingleCell()) {
            throw new InvalidInputException("to", "to names the top-left cell of the destination, not a block");
        }
        if (target.row1() + (source.row2() - source.row1()) > Expr.MAX_ROW
                || target.col1() + (source.col2() - source.col1()) > Expr.MAX_COL) {
            throw new InvalidInputException("to", "the block would leave the sheet");
        }
        Operation.MoveRange move = new Operation.MoveRange(
                source.sheet(),
                source.row1(),
                source.col1(),
                source.row2(),
                source.col2(),
                target.sheet(),
                target.row1(),
                target.col1());
        return apply(workspace, id, expectedRevision, move, loaded -> {
            loaded.requireSheet("sheet", source.sheet());
            loaded.requireSheet("sheet", target.sheet());
        });
    }

    private Cells.Edit apply(
            String workspace,
            UUID id,
            Long expectedRevision,
            Operation operation,
            java.util.function.Consumer<LoadedWorkbook> check) {
        Cells.Edit edit = cells.apply(workspace, id, expectedRevision, operation, "user", check);
        linkedCells.follow(id, operation);
        outbox.append(
                Topics.Calculation.WORKBOOK_EVENTS,
                Workbooks.AGGREGATE,
                id.toString(),
                workspace,
                event(id, edit, operation));
        return edit;
    }

    private static WorkbookStructureChanged event(UUID id, Cells.Edit edit, Operation operation) {
        return switch (operation) {
            case Operation.AddSheet add ->
                new WorkbookStructureChanged(
                        id, edit.revision(), "add-sheet", add.name(), null, null, null, null, null);
            case Operation.RenameSheet rename ->
                new WorkbookStructureChanged(
                        id, edit.revision(), "rename-sheet", rename.from(), rename.to(), null, null, null, null);
            case Operation.ReorderSheets reorder ->
                new WorkbookStructureChanged(
                        id,
                        edit.revision(),
                        "reorder-sheets",
                        null,
                        null,
                        null,
                        null,
                        null,
                        String.join(",", reorder.sheets()));
            case Operation.RemoveSheet remove ->
                new WorkbookStructureChanged(
                        id, edit.revision(), "remove-sheet", remove.name(), null, null, null, null, null);
            case Operation.Restructure r ->
                new WorkbookStructureChanged(
                        id,
                        edit.revision(),
                        r.what().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        r.sheet(),
                        null,
                        r.at(),
                        r.count(),
                        null,
                        null);
            case Operation.MoveRange m ->
                new WorkbookStructureChanged(
                        id,
                        edit.revision(),
                        "move-range",
                        m.fromSheet(),
                        m.toSheet(),
                        null,
                        null,
                        new CellRange(m.fromSheet(), m.row1(), m.col1(), m.row2(), m.col2()).toString(),
                        CellRange.name(m.toSheet(), m.toRow(), m.toCol()));
            default -> throw new IllegalArgumentException("not a structural operation: " + operation.kind());
        };
    }
}
