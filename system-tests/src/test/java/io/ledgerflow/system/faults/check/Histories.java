package io.ledgerflow.system.faults.check;

import io.ledgerflow.system.faults.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Object mother for the checkers' tests: operations on a clock of whole "ticks", and a final state built by hand. */
final class Histories {

    static final String WB = "wb-1";

    private Histories() {}

    static Op write(long id, long from, long to, long revision, double value) {
        return new Op(id, 0, Op.Kind.WRITE, WB, from, to, Op.Outcome.OK, null, revision, Map.of("A1", value), "");
    }

    static Op conditionalWrite(long id, long from, long to, long expected, long revision, double value) {
        return new Op(id, 0, Op.Kind.WRITE, WB, from, to, Op.Outcome.OK, expected, revision, Map.of("A1", value), "");
    }

    static Op refused(long id, long from, long to, double value) {
        return new Op(id, 0, Op.Kind.WRITE, WB, from, to, Op.Outcome.REFUSED, 1L, -1, Map.of("A1", value), "412");
    }

    /** A dataset publish, recorded as the harness records it: the dataset in the workbook's place. */
    static Op publish(long id, long from, long to, long version, double value) {
        return new Op(id, 2, Op.Kind.PUBLISH, WB, from, to, Op.Outcome.OK, null, version, Map.of("A1", value), "");
    }

    static Op read(long id, long from, long to, Long minRevision, long revision, double value) {
        return new Op(id, 1, Op.Kind.READ, WB, from, to, Op.Outcome.OK, minRevision, revision, Map.of("A1", value), "");
    }

    /** A workbook whose cell A1 took these values at revisions 1, 2, 3... */
    static State workbook(Double... values) {
        State state = new State();
        for (int i = 0; i < values.length; i++) {
            state.revisions.put((long) i + 1, values[i]);
            state.origins.add(i == 0 ? "create" : "api");
        }
        return state;
    }

    static final class State implements FinalState {
        final Map<Long, Double> revisions = new HashMap<>();
        final List<String> origins = new ArrayList<>();

        @Override
        public Optional<Map<String, Double>> cellsAt(String workbook, long revision) {
            return revisions.containsKey(revision)
                    ? Optional.of(Map.of("A1", revisions.get(revision)))
                    : Optional.empty();
        }

        @Override
        public List<HistoryEntry> cellHistory(String workbook, String cell) {
            List<HistoryEntry> history = new ArrayList<>();
            Double previous = null;
            for (long r = 1; revisions.containsKey(r); r++) {
                Double value = revisions.get(r);
                if (!value.equals(previous)) {
                    history.add(new HistoryEntry(r, value));
                }
                previous = value;
            }
            return history;
        }

        @Override
        public List<String> revisionOrigins(String workbook) {
            return origins;
        }
    }
}
