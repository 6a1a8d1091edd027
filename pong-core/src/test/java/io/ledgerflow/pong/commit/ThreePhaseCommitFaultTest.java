package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.shard.ShardRuntime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ThreePhaseCommitFaultTest {

    enum Step {
        CAN_COMMIT(Message.CanCommit.class),
        EXCHANGE(Message.Exchange.class),
        HANDOFF(Message.Handoff.class),
        VOTE(Message.Vote.class),
        PRE_COMMIT(Message.PreCommit.class),
        PRE_COMMIT_ACK(Message.PreCommitAck.class),
        DO_COMMIT(Message.DoCommit.class),
        COMMIT_ACK(Message.CommitAck.class);

        final Class<? extends Message> type;

        Step(Class<? extends Message> type) {
            this.type = type;
        }
    }

    @Test
    void dropsDelaysDuplicatesAndReorderingNeverChangeWhatIsCommitted() {
        FaultyGame g = new FaultyGame(4, 120, 30, new SimulatedNetwork.Faults(0.03, 0.15, 5), 11);
        long retried = 0;
        for (int f = 1; f <= 30; f++) {
            FrameOutcome.Committed c = g.play(f);
            retried += (c.entry().attempt() & 0xFFFFFFFFL) > 1 ? 1 : 0;
        }
        assertThat(g.network.dropped()).isPositive();
        assertThat(retried).as("frames that needed more than one attempt").isPositive();
    }

    @Test
    void aNoVoteOrTimeoutAbortsTheAttemptAndTheFrameIsRetried() {
        FaultyGame g = new FaultyGame(3, 80, 4, SimulatedNetwork.Faults.NONE, 5);
        g.play(1);
        AtomicInteger dropped = new AtomicInteger();
        // lose every sharing-phase message of the first attempt of frame 2: nobody can vote
        g.network.onDeliver(m -> {
            if (m instanceof Message.Exchange e && g.game.frame() == 1 && (e.attempt() & 0xFFFFFFFFL) <= 1) {
                dropped.incrementAndGet();
                return false;
            }
            return true;
        });
        FrameOutcome.Committed c = g.play(2);
        assertThat(dropped.get()).isPositive();
        assertThat(c.entry().attempt() & 0xFFFFFFFFL).isEqualTo(2);
        g.play(3);
    }

    @Test
    void whenEveryAttemptFailsTheFrameIsReportedFailedAndStateIsUnchangedUntilTheNetworkHeals() {
        FaultyGame g = new FaultyGame(2, 60, 3, SimulatedNetwork.Faults.NONE, 9);
        g.play(1);
        long hash = g.game.stateHash();
        g.network.faults(new SimulatedNetwork.Faults(1.0, 0, 0));
        FrameOutcome out = g.game.nextFrame();
        assertThat(out)
                .isInstanceOfSatisfying(
                        FrameOutcome.Failed.class, f -> assertThat(f.reason()).contains("timeout"));
        assertThat(g.game.stateHash()).isEqualTo(hash);
        assertThat(g.game.frame()).isEqualTo(1);
        g.network.faults(SimulatedNetwork.Faults.NONE);
        g.play(2);
        g.play(3);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aShardCrashingBeforeHandlingAnyStepRecoversByReplayAndNothingDiverges(Step step) {
        crashShardAt(step, true);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aShardCrashingRightAfterHandlingAnyStepRecoversByReplayAndNothingDiverges(Step step) {
        crashShardAt(step, false);
    }

    private void crashShardAt(Step step, boolean before) {
        FaultyGame g = new FaultyGame(4, 120, 6, SimulatedNetwork.Faults.NONE, 21);
        g.playAll(2);
        ShardRuntime victim = g.game.cluster().shard(1);
        AtomicBoolean crashed = new AtomicBoolean();
        g.network.onDeliver(m -> {
            boolean toOrFromVictim = m.to() == 1 || (m.from() == 1 && !Nodes.isShard(m.to()));
            if (!crashed.get() && step.type.isInstance(m) && toOrFromVictim && g.game.frame() == 2) {
                crashed.set(true);
                if (before) {
                    victim.crash(); // the message is lost with the shard
                } else {
                    g.loop.schedule(0, victim::crash); // handled (and replied), then the shard dies
                }
                g.loop.schedule(60, victim::start);
                return !before;
            }
            return true;
        });
        g.play(3);
        assertThat(crashed).isTrue();
        g.play(4);
        g.play(5);
        g.play(6);
        assertThat(victim.isUp()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCoordinatorDyingAtAnyStepIsReplacedAndTheTerminationProtocolFinishesOrAbortsTheFrame(Step step) {
        FaultyGame g = new FaultyGame(4, 120, 5, SimulatedNetwork.Faults.NONE, 33);
        g.playAll(2);
        AtomicInteger seen = new AtomicInteger();
        int[] dead = {Integer.MIN_VALUE};
        g.network.onDeliver(m -> {
            if (m.from() == dead[0]) {
                return false; // a dead coordinator sends nothing more: broadcasts stop half way
            }
            if (dead[0] == Integer.MIN_VALUE && step.type.isInstance(m) && g.game.frame() == 2) {
                // die after the second message of this step went through
                if (seen.incrementAndGet() == 2) {
                    Coordinator c = g.game.cluster().coordinator();
                    dead[0] = c.node();
                    c.kill();
                }
            }
            return true;
        });
        g.play(3);
        assertThat(dead[0]).isNotEqualTo(Integer.MIN_VALUE);
        assertThat(g.game.cluster().failovers()).isEqualTo(1);
        g.play(4);
        g.play(5);
    }
}
