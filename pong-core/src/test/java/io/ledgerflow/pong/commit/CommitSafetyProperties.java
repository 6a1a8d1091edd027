package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.shard.ShardRuntime;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Under random drops, duplicates, delays (reordering), shard crashes and coordinator deaths: every shard
 * commits the same version of every transaction, and every committed frame equals the reference.
 */
class CommitSafetyProperties {

    @Property(tries = 30)
    void committedFramesNeverDiverge(
            @ForAll @IntRange(min = 2, max = 5) int shards,
            @ForAll @DoubleRange(min = 0, max = 0.05) double drop,
            @ForAll @DoubleRange(min = 0, max = 0.3) double duplicate,
            @ForAll @IntRange(min = 0, max = 8) int maxDelay,
            @ForAll @DoubleRange(min = 0, max = 0.01) double crashRate,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        int frames = 8;
        FaultyGame g = new FaultyGame(shards, 60, frames, new SimulatedNetwork.Faults(drop, duplicate, maxDelay), seed);
        SplittableRandom chaos = new SplittableRandom(seed ^ 0x5DEECE66DL);
        // a killed coordinator sends nothing more, but what it already sent is still in flight (and may
        // arrive late, after its replacement took over): the fencing by epoch must make that harmless
        g.network.onDeliver(m -> {
            if (chaos.nextDouble() < crashRate) {
                if (chaos.nextBoolean()) {
                    ShardRuntime victim = g.game.cluster().shard(chaos.nextInt(shards));
                    if (victim.isUp()) {
                        victim.crash();
                        g.loop.schedule(chaos.nextLong(10, 80), victim::start);
                    }
                } else {
                    g.game.cluster().coordinator().kill();
                }
            }
            return true;
        });
        g.playAll(frames); // checks every frame against the reference and the cluster's safety monitor
        assertThat(g.game.cluster().violations()).isEmpty();
    }
}
