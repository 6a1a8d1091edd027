package io.ledgerflow.formula.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.formula.graph.IntList;
import org.junit.jupiter.api.Test;

class ChangeLogTest {

    private static IntList list(int... positions) {
        IntList l = new IntList(4);
        for (int p : positions) {
            l.add(p);
        }
        return l;
    }

    @Test
    void answersTheChangesAfterAVersionAndNothingBeforeItsFloor() {
        ChangeLog log = new ChangeLog();
        log.unknownUpTo(3);
        log.record(4, 2, list(5, 7));
        log.record(5, 2, list(1));
        assertThat(log.since(3)).containsExactly(5, 7, 1);
        assertThat(log.since(4)).containsExactly(1);
        assertThat(log.since(5)).isEmpty();
        assertThat(log.since(2)).isNull();
    }

    @Test
    void aChangeOfWidthForgetsThePositionsLoggedBefore() {
        ChangeLog log = new ChangeLog();
        log.record(1, 2, list(3));
        log.record(2, 3, list(4));
        assertThat(log.since(0)).isNull();
        assertThat(log.since(1)).containsExactly(4);
    }

    @Test
    void tooManyChangesAtOnceAreNotLogged() {
        ChangeLog log = new ChangeLog();
        log.record(1, 1, list(0));
        log.record(2, 1, list(new int[ChangeLog.CAPACITY + 1]));
        assertThat(log.since(1)).isNull();
        assertThat(log.since(2)).isEmpty();
        log.record(3, 1, list(9));
        assertThat(log.since(2)).containsExactly(9);
    }

    @Test
    void whenFullTheOlderHalfGoesAndTheFloorRises() {
        ChangeLog log = new ChangeLog();
        int per = ChangeLog.CAPACITY / 4;
        for (int v = 1; v <= 4; v++) {
            log.record(v, 1, list(new int[per]));
        }
        assertThat(log.since(0)).hasSize(ChangeLog.CAPACITY);
        log.record(5, 1, list(1, 2, 3));
        assertThat(log.since(1)).isNull(); // versions up to 2 went
        assertThat(log.since(2)).hasSize(2 * per + 3);
        assertThat(log.since(4)).containsExactly(1, 2, 3);
    }

    @Test
    void oneVersionFillingTheLogLeavesOnlyItself() {
        ChangeLog log = new ChangeLog();
        log.record(1, 1, list(new int[ChangeLog.CAPACITY - 1]));
        log.record(2, 1, list(new int[ChangeLog.CAPACITY - 1]));
        assertThat(log.since(0)).isNull();
        assertThat(log.since(1)).hasSize(ChangeLog.CAPACITY - 1);
    }
}
