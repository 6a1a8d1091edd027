package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A replacement coordinator is started while the old one keeps running (a false failure suspicion: the old one is a
 * zombie, the case the epochs exist for), at a random moment, on a network that only delays (and so reorders)
 * messages; in some runs a second replacement makes the first replacement a zombie too. The game must go on: every
 * frame commits at its first try (with no drops and timeouts above the longest round trip nothing may fail) and equals
 * the reference, no two shards
 * commit different versions — and nothing the zombie decides later (its commit of a transaction the cluster has
 * moved past, its failure after its fenced attempts time out) reaches the game.
 */
class ZombieCoordinatorProperties {

    @Property(tries = 30)
    void aZombieCoordinatorNeverStallsOrDivertsTheGame(
            @ForAll @IntRange(min = 2, max = 4) int shards,
            @ForAll @IntRange(min = 1, max = 8) int maxDelay,
            @ForAll @IntRange(min = 1, max = 400) int replaceAtDelivery,
            @ForAll @IntRange(min = 0, max = 600) int secondReplacementAt,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FaultyGame g =
                ZombieCoordinatorTest.zombieAtDelivery(shards, maxDelay, seed, replaceAtDelivery, secondReplacementAt);
        g.playAll(40); // each frame equals the reference
        assertThat(g.failedFrames).as("frames reported failed").isZero();
        assertThat(g.game.cluster().failovers()).isPositive();
        assertThat(g.game.cluster().violations()).isEmpty();
    }
}
