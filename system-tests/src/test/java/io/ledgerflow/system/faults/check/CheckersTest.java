package io.ledgerflow.system.faults.check;

import static io.ledgerflow.system.faults.check.Histories.WB;
import static io.ledgerflow.system.faults.check.Histories.conditionalWrite;
import static io.ledgerflow.system.faults.check.Histories.publish;
import static io.ledgerflow.system.faults.check.Histories.read;
import static io.ledgerflow.system.faults.check.Histories.refused;
import static io.ledgerflow.system.faults.check.Histories.workbook;
import static io.ledgerflow.system.faults.check.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each checker passes a correct history and catches the anomaly it exists for in a deliberately broken one. */
class CheckersTest {

    // two writes, then a read; the workbook's revisions: 1 created with 0, 2 = op 1, 3 = op 2
    private static final List<io.ledgerflow.system.faults.Op> GOOD =
            List.of(write(1, 0, 10, 2, 10.0), write(2, 20, 30, 3, 20.0), read(3, 40, 50, 3L, 3, 20.0));

    @Test
    void aCorrectHistoryHasNoAnomalies() {
        Histories.State state = workbook(0.0, 10.0, 20.0);
        assertThat(LostWriteChecker.check(GOOD, state)).isEmpty();
        assertThat(IfMatchChecker.check(GOOD, state)).isEmpty();
        assertThat(LinearizabilityChecker.check(GOOD, state)).isEmpty();
        assertThat(ExactlyOnceChecker.check(GOOD, state, List.of())).isEmpty();
    }

    @Test
    void lostWriteCatchesAnAcknowledgedRevisionThatIsGoneOrHoldsOtherValues() {
        // revision 3 never made it (the service acknowledged, then lost it)
        assertThat(LostWriteChecker.check(GOOD, workbook(0.0, 10.0)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("revision 3, which does not exist"));
        // revision 2 holds someone else's value
        assertThat(LostWriteChecker.check(GOOD, workbook(0.0, 99.0, 20.0)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("A1=10.0").contains("holds 99.0"));
    }

    @Test
    void datasetPublishesAreCheckedLikeEditsLostDoubledAndOrdered() {
        List<io.ledgerflow.system.faults.Op> publishes =
                List.of(publish(1, 0, 10, 2, 10.0), publish(2, 20, 30, 3, 20.0));
        assertThat(LostWriteChecker.check(publishes, workbook(0.0, 10.0, 20.0))).isEmpty();
        assertThat(ExactlyOnceChecker.check(publishes, workbook(0.0, 10.0, 20.0), List.of()))
                .isEmpty();
        // version 3 acknowledged, then lost
        assertThat(LostWriteChecker.check(publishes, workbook(0.0, 10.0)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("revision 3, which does not exist"));
        // the first publish applied twice: at versions 2 and 4 (a redelivered request, say)
        assertThat(ExactlyOnceChecker.check(publishes, workbook(0.0, 10.0, 20.0, 10.0), List.of()))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("applied at revisions [2, 4]"));
        // a later publish ordered before an earlier one
        assertThat(LinearizabilityChecker.check(
                        List.of(publish(1, 0, 10, 3, 10.0), publish(2, 20, 30, 2, 20.0)), workbook(0.0, 20.0, 10.0)))
                .isNotEmpty();
    }

    @Test
    void ifMatchCatchesAnEditAppliedOverAnUnseenRevisionAndARefusedEditThatTookEffect() {
        Histories.State state = workbook(0.0, 10.0, 20.0);
        // If-Match "1" but applied as revision 3: revision 2 came in between unseen
        assertThat(IfMatchChecker.check(List.of(conditionalWrite(5, 0, 10, 1, 3, 20.0)), state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("over revisions it did not see"));
        assertThat(IfMatchChecker.check(List.of(conditionalWrite(5, 0, 10, 2, 3, 20.0)), state))
                .isEmpty();
        // 412 answered, but the value is there
        assertThat(IfMatchChecker.check(List.of(refused(6, 0, 10, 20.0)), state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("was refused"));
    }

    @Test
    void linearizabilityCatchesAStaleReadAReadOfTheWrongContentsAndAWriteOrderedBeforeItsPast() {
        Histories.State state = workbook(0.0, 10.0, 20.0);
        // a read that began after write 2 completed (revision 3) but saw revision 2: stale
        assertThat(LinearizabilityChecker.check(
                        List.of(write(1, 0, 10, 2, 10.0), write(2, 20, 30, 3, 20.0), read(3, 40, 50, null, 2, 10.0)),
                        state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("yet got revision 2"));
        // a read naming revision 3 with revision 2's contents
        assertThat(LinearizabilityChecker.check(List.of(read(3, 40, 50, null, 3, 10.0)), state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("as revision 3"));
        // write 2 began after write 1 completed, yet was ordered first
        assertThat(LinearizabilityChecker.check(List.of(write(1, 0, 10, 3, 20.0), write(2, 20, 30, 2, 10.0)), state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("WRITE 2 began after WRITE 1"));
        // concurrent writes may go either way
        assertThat(LinearizabilityChecker.check(List.of(write(1, 0, 30, 3, 20.0), write(2, 10, 20, 2, 10.0)), state))
                .isEmpty();
        // a read with minRevision answered older
        assertThat(LinearizabilityChecker.check(List.of(read(3, 40, 50, 3L, 2, 10.0)), state))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("minRevision 3"));
    }

    @Test
    void exactlyOnceCatchesADoubleApplyADoubleAcknowledgementAndALinkedValueAppliedTwice() {
        // op 1's value applied at revisions 2 and 4 (a redelivered request or event applied again)
        assertThat(ExactlyOnceChecker.check(GOOD, workbook(0.0, 10.0, 20.0, 10.0), List.of()))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("applied at revisions [2, 4]"));
        // two requests acknowledged with the same revision
        assertThat(ExactlyOnceChecker.check(
                        List.of(write(1, 0, 10, 2, 10.0), write(2, 0, 10, 2, 20.0)), workbook(0.0, 10.0), List.of()))
                .anySatisfy(a -> assertThat(a.description()).contains("acknowledged to both op 1 and op 2"));
        // the same LinkedValuesSet applied twice in a destination
        Histories.State destination = workbook(0.0, 5.0, 5.0);
        destination.origins.set(1, "link:L1@7");
        destination.origins.set(2, "link:L1@7");
        assertThat(ExactlyOnceChecker.check(List.of(), destination, List.of(WB)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("link:L1@7 applied 2 times"));
    }

    @Test
    void convergenceCatchesADivergedDestinationAndOneThatTookTooLong() {
        Duration bound = Duration.ofSeconds(30);
        assertThat(ConvergenceChecker.check(
                        List.of(new ConvergenceChecker.Destination("L1", "d", 7.0, 7.0, Duration.ofSeconds(2))), bound))
                .isEmpty();
        assertThat(ConvergenceChecker.check(
                        List.of(new ConvergenceChecker.Destination("L1", "d", 7.0, 6.0, null)), bound))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("holds 6.0, its source 7.0"));
        assertThat(ConvergenceChecker.check(
                        List.of(new ConvergenceChecker.Destination("L1", "d", 7.0, 7.0, Duration.ofSeconds(31))),
                        bound))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("beyond the bound"));
    }

    @Test
    void pongCatchesAFrameCommittedTwiceWithDifferentDigestsAGapAndALogThatDoesNotReplayToTheLiveState() {
        List<PongChecker.Entry> good = List.of(
                entry("Snapshot", 0, 100),
                entry("FrameCommitted", 1, 101),
                entry("FrameCommitted", 2, 102),
                entry("Snapshot", 1, 101), // a resume from frame 1's snapshot
                entry("FrameCommitted", 2, 102),
                entry("FrameCommitted", 3, 103));
        assertThat(PongChecker.check(game(good, false, 103L))).isEmpty();

        List<PongChecker.Entry> diverged = List.of(
                entry("Snapshot", 0, 100),
                entry("FrameCommitted", 1, 101),
                entry("FrameCommitted", 2, 102),
                entry("Snapshot", 1, 101),
                entry("FrameCommitted", 2, 999),
                entry("FrameCommitted", 3, 103));
        assertThat(PongChecker.check(game(diverged, false, 103L)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("frame 2 committed with digests 66 and 3e7"));

        List<PongChecker.Entry> twice = List.of(
                entry("Snapshot", 0, 100),
                entry("FrameCommitted", 1, 101),
                entry("FrameCommitted", 1, 101),
                entry("FrameCommitted", 3, 103));
        assertThat(PongChecker.check(game(twice, false, 103L)))
                .extracting(Anomaly::description)
                .anySatisfy(d -> assertThat(d)
                        .contains("frame 1 committed after frame 1")
                        .contains("twice"))
                .anySatisfy(d -> assertThat(d)
                        .contains("frame 3 committed after frame 1")
                        .contains("a gap"));

        assertThat(PongChecker.check(game(good, false, 555L)))
                .singleElement()
                .satisfies(a -> assertThat(a.description()).contains("the live game 67"));
    }

    private static PongChecker.Entry entry(String type, long frame, long hash) {
        return new PongChecker.Entry(type, frame, hash);
    }

    private static PongChecker.GameLog game(List<PongChecker.Entry> entries, boolean inputs, Long replayed) {
        return new PongChecker.GameLog("g", inputs, entries, 3, 103, replayed, null);
    }
}
