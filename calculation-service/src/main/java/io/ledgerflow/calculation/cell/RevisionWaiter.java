package io.ledgerflow.calculation.cell;

import io.ledgerflow.calculation.workbook.CalculationLimits;
import io.ledgerflow.calculation.workbook.Workbook;
import io.ledgerflow.calculation.workbook.Workbooks;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: waits, with a bound, until a workbook reaches a revision the client has seen
 * acknowledged (possibly by another instance, or by a linked value still on its way).
 */
@Component
public class RevisionWaiter {

    private final Workbooks workbooks;
    private final CalculationLimits limits;

    RevisionWaiter(Workbooks workbooks, CalculationLimits limits) {
        this.workbooks = workbooks;
        this.limits = limits;
    }

    public Workbook awaitRevision(String workspace, UUID id, long minRevision) {
        long deadline = System.nanoTime() + limits.minRevisionWait().toNanos();
        long pauseMillis = 5;
        while (true) {
            Workbook workbook = workbooks.get(workspace, id);
            if (workbook.revision() >= minRevision) {
                return workbook;
            }
            if (System.nanoTime() >= deadline) {
                throw Cells.notReached(id, minRevision, workbook.revision());
            }
            LockSupport.parkNanos(pauseMillis * 1_000_000);
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }
}
