package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coordinator wrongly suspected dead keeps running next to its replacement, and its delayed messages
 * arrive after the replacement took over: they must change nothing.
 */
class ZombieCoordinatorTest {

    @Test
    void aZombieCoordinatorsLateMessagesAreFencedOff() {
        FaultyGame g = new FaultyGame(3, 120, 5, new SimulatedNetwork.Faults(0, 0, 2), 17);
        g.play(1);
        int zombie = g.game.cluster().coordinator().node();
        List<Message> held = new ArrayList<>();
        boolean[] replaced = {false};
        boolean[] releasing = {false};
        int[] lateDeliveries = {0};
        g.network.onDeliver(m -> {
            if (m.from() != zombie || !(m instanceof Message.PreCommit)) {
                return true;
            }
            if (releasing[0]) {
                lateDeliveries[0]++;
                return true; // the zombie's delayed pre-commits finally arrive
            }
            held.add(m); // delayed...
            if (!replaced[0]) {
                replaced[0] = true;
                g.game.cluster().replaceCoordinatorKeepingTheOld();
                // ...and delivered while the new coordinator runs its termination and its new attempt
                for (long delay = 1; delay <= 31; delay += 3) {
                    g.loop.schedule(delay, () -> {
                        releasing[0] = true;
                        List.copyOf(held).forEach(g.network::send);
                    });
                }
            }
            return false;
        });
        g.play(2); // checks the state against the reference and the safety monitor
        assertThat(replaced[0]).isTrue();
        assertThat(held).isNotEmpty();
        assertThat(g.game.cluster().failovers()).isEqualTo(1);
        g.play(3);
        g.play(4);
        assertThat(lateDeliveries[0]).as("zombie messages delivered late").isGreaterThan(held.size());
        assertThat(g.game.cluster().violations()).isEmpty();
    }
}
