package io.ledgerflow.calculation.derivation;

import io.ledgerflow.calculation.cell.CellRange;
import io.ledgerflow.calculation.cell.CellValue;
import io.ledgerflow.calculation.document.LoadedWorkbook;
import io.ledgerflow.calculation.document.WorkbookDocuments;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.formula.parse.A1;
import io.ledgerflow.service.problem.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where a value comes from and where it goes: a cell's precedents and dependents (direct or
 * transitive, to a depth), and the derivation of its value at a revision, with inputs that came
 * from outside the workbook (links) marked as such.
 */
@Service
public class Derivations {

    /** Blocks larger than this are summarised in an explanation instead of listed cell by cell. */
    static final int LISTED_RANGE_CELLS = 50;

    public record Related(String ref, int depth) {}

    public record Dependencies(UUID workbookId, long revision, String ref, String direction, List<Related> cells) {}

    /**
     * Where an input's value came from outside the workbook: the link, the source (document and
     * cell, or dataset {@code column[key]}) and the source revision (dataset version) it reflects;
     * for a workbook source of the same workspace, {@code explained}: the source cell explained at
     * that revision (one more step of the requested depth).
     */
    public record External(
            String linkId,
            long sourceRevision,
            String sourceType,
            UUID sourceDocumentId,
            String sourceRef,
            Explanation explained) {

        External explainedBy(Explanation source) {
            return new External(linkId, sourceRevision, sourceType, sourceDocumentId, sourceRef, source);
        }
    }

    /**
     * One step of a derivation: the cell, its formula (if any) and value, whether a link set it,
     * and its inputs, recursively; blocks too large to list appear as {@code range} with a count.
     */
    public record Explanation(
            String ref,
            String range,
            Long cellCount,
            String formula,
            CellValue value,
            External external,
            List<Explanation> inputs,
            boolean truncated) {}

    private final Workbooks workbooks;
    private final WorkbookDocuments documents;
    private final JdbcClient jdbc;

    Derivations(Workbooks workbooks, WorkbookDocuments documents, JdbcClient jdbc) {
        this.workbooks = workbooks;
        this.documents = documents;
        this.jdbc = jdbc;
    }

    public Dependencies dependencies(
            String workspace, UUID id, String reference, String direction, int depth, Long asOf) {
        CellRange cell = single(reference);
        if (!direction.equals("precedents") && !direction.equals("dependents")) {
            throw new InvalidInputException("direction", "direction is precedents or dependents, not " + direction);
        }
        Workbook workbook = workbooks.getIncludingDeleted(workspace, id);
        long revision = workbook.revisionToRead(asOf);
        return documents.read(id, workbook.revision(), revision, loaded -> {
            loaded.requireSheet("ref", cell.sheet());
            List<Related> related = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            Deque<int[]> frontier = new ArrayDeque<>();
            Map<String, Integer> sheets = new HashMap<>();
            List<String> names = loaded.sheetNames();
            for (int i = 0; i < names.size(); i++) {
                sheets.put(names.get(i), i);
            }
            frontier.add(new int[] {sheets.get(cell.sheet()), cell.row1(), cell.col1(), 0});
            seen.add(CellRange.name(cell.sheet(), cell.row1(), cell.col1()));
            while (!frontier.isEmpty()) {
                int[] current = frontier.poll();
                if (current[3] == depth) {
                    continue;
                }
                String sheet = names.get(current[0]);
                List<int[]> next = new ArrayList<>();
                if (direction.equals("dependents")) {
                    next.addAll(loaded.dependents(revision, sheet, current[1], current[2]));
                } else {
                    for (LoadedWorkbook.Reference ref : loaded.precedents(revision, sheet, current[1], current[2])) {
                        if (!sheets.containsKey(ref.sheet()) || ref.cellCount() > 100_000) {
                            continue;
                        }
                        for (int r = ref.row1(); r <= ref.row2(); r++) {
                            for (int c = ref.col1(); c <= ref.col2(); c++) {
                                next.add(new int[] {sheets.get(ref.sheet()), r, c});
                            }
                        }
                    }
                }
                for (int[] n : next) {
                    String name = CellRange.name(names.get(n[0]), n[1], n[2]);
                    if (seen.add(name)) {
                        related.add(new Related(name, current[3] + 1));
                        frontier.add(new int[] {n[0], n[1], n[2], current[3] + 1});
                    }
                }
            }
            return new Dependencies(id, revision, cell.toString(), direction, related);
        });
    }

    public Explanation explain(String workspace, UUID id, String reference, int depth, Long asOf) {
        CellRange cell = single(reference);
        Workbook workbook = workbooks.getIncludingDeleted(workspace, id);
        long revision = workbook.revisionToRead(asOf);
        Map<String, External> external = externalInputs(id, revision);
        Explanation inside = documents.read(id, workbook.revision(), revision, loaded -> {
            loaded.requireSheet("ref", cell.sheet());
            return explain(loaded, revision, cell.sheet(), cell.row1(), cell.col1(), depth, external);
        });
        return acrossLinks(workspace, inside, depth);
    }

    /**
     * Follows linked inputs into their source workbooks (at the source revision each reflects),
     * outside the workbook's read so no two workbooks are held at once; a hop costs one level of
     * depth. Datasets are data-sharing's: their step names the dataset, version and row.
     */
    private Explanation acrossLinks(String workspace, Explanation step, int depthLeft) {
        if (step.inputs().isEmpty() && (step.external() == null || depthLeft == 0)) {
            return step;
        }
        List<Explanation> inputs = step.inputs().stream()
                .map(input -> acrossLinks(workspace, input, depthLeft - 1))
                .toList();
        External external = step.external();
        if (external != null
                && depthLeft > 0
                && "workbook".equals(external.sourceType())
                && external.sourceDocumentId() != null
                && external.sourceRef() != null) {
            try {
                external = external.explainedBy(explain(
                        workspace,
                        external.sourceDocumentId(),
                        external.sourceRef(),
                        depthLeft - 1,
                        external.sourceRevision()));
            } catch (RuntimeException e) {
                // the source workbook or revision cannot be read here: the step still names it
            }
        }
        return new Explanation(
                step.ref(),
                step.range(),
                step.cellCount(),
                step.formula(),
                step.value(),
                external,
                inputs,
                step.truncated());
    }

    private Explanation explain(
            LoadedWorkbook loaded,
            long revision,
            String sheet,
            int row,
            int col,
            int depth,
            Map<String, External> external) {
        String ref = CellRange.name(sheet, row, col);
        String formula = loaded.formula(revision, sheet, row, col);
        CellValue value = CellValue.of(loaded.value(revision, sheet, row, col));
        List<LoadedWorkbook.Reference> precedents = loaded.precedents(revision, sheet, row, col);
        if (depth == 0 || precedents.isEmpty()) {
            return new Explanation(
                    ref, null, null, formula, value, external.get(ref), List.of(), !precedents.isEmpty());
        }
        List<Explanation> inputs = new ArrayList<>();
        for (LoadedWorkbook.Reference input : precedents) {
            if (input.cellCount() == 1 || input.cellCount() <= LISTED_RANGE_CELLS) {
                for (int r = input.row1(); r <= input.row2(); r++) {
                    for (int c = input.col1(); c <= input.col2(); c++) {
                        inputs.add(explain(loaded, revision, input.sheet(), r, c, depth - 1, external));
                    }
                }
            } else {
                String range = CellRange.name(input.sheet(), input.row1(), input.col1()) + ":"
                        + A1.cellName(input.row2(), input.col2());
                inputs.add(new Explanation(null, range, input.cellCount(), null, null, null, List.of(), true));
            }
        }
        return new Explanation(ref, null, null, formula, value, external.get(ref), inputs, false);
    }

    /** Cells whose content at the revision was set by a link (and not overwritten since). */
    private Map<String, External> externalInputs(UUID id, long revision) {
        Map<String, External> external = new HashMap<>();
        jdbc.sql("select sheet, row_index, col_index, link_id, source_revision, source_type, source_document_id,"
                        + " source_ref from linked_cell where workbook_id = ? and revision <= ?")
                .params(id, revision)
                .query(rs -> {
                    external.put(
                            CellRange.name(rs.getString("sheet"), rs.getInt("row_index"), rs.getInt("col_index")),
                            new External(
                                    rs.getString("link_id"),
                                    rs.getLong("source_revision"),
                                    rs.getString("source_type"),
                                    rs.getObject("source_document_id", UUID.class),
                                    rs.getString("source_ref"),
                                    null));
                });
        return external;
    }

    private static CellRange single(String reference) {
        CellRange cell = CellRange.parse("ref", reference);
        if (!cell.isSingleCell()) {
            throw new InvalidInputException("ref", "name one cell, not the block " + cell);
        }
        return cell;
    }
}
