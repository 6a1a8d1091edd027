package io.ledgerflow.calculation.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerflow.calculation.cell.Cells;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import io.ledgerflow.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A workbook reloads from its latest snapshot plus later operations, and keeps its whole past. */
@IntegrationTest
class SnapshotReloadIT {

    @Autowired
    Workbooks workbooks;

    @Autowired
    Cells cells;

    @Autowired
    WorkbookDocuments documents;

    @Autowired
    JdbcClient jdbc;

    @Test
    void afterEvictionTheWorkbookComesBackFromItsSnapshotWithEveryRevisionReadable() {
        String workspace = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        Workbook workbook = workbooks.create(workspace, "Snapshots", Map.of("Sheet1", List.of(List.of(1, "=A1*10"))));
        UUID id = workbook.id();
        for (int i = 2; i <= 8; i++) {
            cells.set(workspace, id, null, List.of(new Cells.CellInput("Sheet1!A1", i)), "user");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> latestSnapshot(id) >= 6);
        long snapshot = latestSnapshot(id);

        documents.evict(id);

        assertThat(documents.<Long>read(id, 8, LoadedWorkbook::base)).isEqualTo(snapshot);
        assertThat(documents.<Value>read(id, 8, w -> w.value(8, "Sheet1", 0, 1)))
                .isEqualTo(NumberValue.of(80));
        // Revisions before the snapshot come from a replay of the whole log.
        assertThat(documents.<Value>read(id, 8, 1, w -> w.value(1, "Sheet1", 0, 1)))
                .isEqualTo(NumberValue.of(10));
        assertThat(documents.<List<LoadedWorkbook.HistoryPoint>>read(id, 8, 1, w -> w.history("Sheet1", 0, 1)))
                .extracting(LoadedWorkbook.HistoryPoint::revision)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

        // Edits continue from the reloaded state.
        Cells.Edit next = cells.set(workspace, id, 8L, List.of(new Cells.CellInput("Sheet1!A1", 9)), "user");
        assertThat(next.revision()).isEqualTo(9);
        assertThat(documents.<Value>read(id, 9, w -> w.value(9, "Sheet1", 0, 1)))
                .isEqualTo(NumberValue.of(90));
    }

    @Test
    void aSnapshotKeepsTheNamesAndTheDateSystem() {
        String workspace = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<List<Object>>> sheets = Map.of("Q1", List.of(List.of(2, "=Rate*10", "=YEAR(0)")));
        Workbook workbook = workbooks.create(
                workspace,
                "Named",
                new Operation.Create(sheets, List.of(new DefinedName("Rate", "Q1", "=Q1!$A$1")), true));
        UUID id = workbook.id();
        cells.set(workspace, id, null, List.of(new Cells.CellInput("Q1!A1", 3)), "user");
        documents.snapshot(id, 2);

        documents.evict(id);

        assertThat(documents.<Long>read(id, 2, LoadedWorkbook::base)).isEqualTo(2);
        assertThat(documents.<Boolean>read(id, 2, LoadedWorkbook::date1904)).isTrue();
        assertThat(documents.<List<DefinedName>>read(id, 2, LoadedWorkbook::names))
                .containsExactly(new DefinedName("Rate", "Q1", "='Q1'!$A$1")); // Q1 is also a cell: quoted
        assertThat(documents.<Value>read(id, 2, w -> w.value(2, "Q1", 0, 1))).isEqualTo(NumberValue.of(30));
        assertThat(documents.<Value>read(id, 2, w -> w.value(2, "Q1", 0, 2))).isEqualTo(NumberValue.of(1904));
    }

    @Test
    void theLeastRecentlyUsedWorkbooksAreForgottenAndComeBackIntact() {
        String workspace = "lru-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = workbooks
                    .create(workspace, "W" + i, Map.of("Sheet1", List.of(List.of(i, "=A1+1"))))
                    .id();
            ids.add(id);
        }
        documents.<Value>read(ids.get(0), 1, w -> w.value(1, "Sheet1", 0, 1)); // W0 is now the most recent

        documents.evictIdle(1, Duration.ofHours(1));

        assertThat(documents.loadedCount()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(documents.<Value>read(ids.get(i), 1, w -> w.value(1, "Sheet1", 0, 1)))
                    .isEqualTo(NumberValue.of(i + 1));
        }
        assertThat(documents.evictIdle(10, Duration.ZERO)).isGreaterThanOrEqualTo(3);
        assertThat(documents.loadedCount()).isZero();
    }

    private long latestSnapshot(UUID id) {
        return jdbc.sql("select coalesce(max(revision), 0) from workbook_snapshot where workbook_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
