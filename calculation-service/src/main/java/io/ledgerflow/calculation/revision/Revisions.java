package io.ledgerflow.calculation.revision;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.CellValue;
import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.RevisionLog;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.workbook.CalculationLimits;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A workbook's past: its revisions, what changed between two of them, and a cell's history. */
@Service
public class Revisions {

    /** A cell whose content or value differs between two revisions. */
    public record CellDiff(
            String ref, Object contentBefore, Object contentAfter, CellValue valueBefore, CellValue valueAfter) {}

    public record Diff(UUID workbookId, long from, long to, List<CellDiff> cells, boolean truncated) {}

    public record HistoryEntry(long revision, CellValue value) {}

    public record History(UUID workbookId, String ref, List<HistoryEntry> entries) {}

    private final Workbooks workbooks;
    private final WorkbookDocuments documents;
    private final RevisionLog log;
    private final CalculationLimits limits;

    Revisions(Workbooks workbooks, WorkbookDocuments documents, RevisionLog log, CalculationLimits limits) {
        this.workbooks = workbooks;
        this.documents = documents;
        this.log = log;
        this.limits = limits;
    }

    /** Newest first. Deleted workbooks keep their history readable. */
    public List<RevisionLog.Entry> list(String workspace, UUID id, int page, int size) {
        workbooks.getIncludingDeleted(workspace, id);
        return log.entries(id, page * size, size);
    }

    /** The cells whose contents or values differ between revisions {@code from} and {@code to}. */
    public Diff diff(String workspace, UUID id, long from, long to) {
        Workbook workbook = workbooks.getIncludingDeleted(workspace, id);
        workbook.checkRevision("from", from);
        workbook.checkRevision("to", to);
        int max = limits.maxReadCells();
        return documents.read(id, workbook.revision(), Math.min(from, to), loaded -> {
            List<CellDiff> cells = new ArrayList<>();
            boolean truncated = false;
            for (String sheet : loaded.sheetNames()) {
                int[] size = loaded.sheetSize(sheet);
                for (int row = 0; row < size[0] && !truncated; row++) {
                    for (int col = 0; col < size[1]; col++) {
                        CellDiff diff = diff(loaded, sheet, row, col, from, to);
                        if (diff != null) {
                            if (cells.size() == max) {
                                truncated = true;
                                break;
                            }
                            cells.add(diff);
                        }
                    }
                }
            }
            return new Diff(id, from, to, cells, truncated);
        });
    }

    private static CellDiff diff(LoadedWorkbook loaded, String sheet, int row, int col, long from, long to) {
        Object contentBefore = loaded.content(from, sheet, row, col);
        Object contentAfter = loaded.content(to, sheet, row, col);
        CellValue valueBefore = CellValue.of(loaded.value(from, sheet, row, col));
        CellValue valueAfter = CellValue.of(loaded.value(to, sheet, row, col));
        if (Objects.equals(contentBefore, contentAfter) && valueBefore.equals(valueAfter)) {
            return null;
        }
        return new CellDiff(CellRange.name(sheet, row, col), contentBefore, contentAfter, valueBefore, valueAfter);
    }

    /** The values a cell took, oldest first, each with the revision it took it at. */
    public History history(String workspace, UUID id, String reference) {
        CellRange cell = CellRange.parse("ref", reference);
        if (!cell.isSingleCell()) {
            throw new InvalidInputException("ref", "history is of one cell, not " + cell);
        }
        Workbook workbook = workbooks.getIncludingDeleted(workspace, id);
        return documents.read(id, workbook.revision(), 1, loaded -> {
            loaded.requireSheet("ref", cell.sheet());
            List<HistoryEntry> entries = loaded.history(cell.sheet(), cell.row1(), cell.col1()).stream()
                    .map(point -> new HistoryEntry(point.revision(), CellValue.of(point.value())))
                    .toList();
            return new History(id, cell.toString(), entries);
        });
    }
}
