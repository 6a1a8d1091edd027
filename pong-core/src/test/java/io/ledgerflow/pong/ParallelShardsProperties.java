package io.ledgerflow.pong;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.commit.LaneHelpers;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Shards on several threads change nothing: the whole log — every frame's transaction, attempt, version, delta, zones
 * and state hash, and every correction — equals the log of the same game on one thread.
 */
class ParallelShardsProperties {

    private static final LaneHelpers HELPERS = LaneHelpers.start(3);

    @AfterContainer
    static void stopHelpers() {
        HELPERS.close();
    }

    @Property(tries = 20)
    void aGameOnSeveralThreadsLogsExactlyWhatItLogsOnOne(
            @ForAll @IntRange(min = 2, max = 8) int shards,
            @ForAll @IntRange(min = 2, max = 16) int players,
            @ForAll @IntRange(min = 50, max = 600) int balls,
            @ForAll @IntRange(min = 1, max = 7) int rebalanceEvery,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        int frames = 24;
        GameConfig config = Games.crowded(players, balls, seed);
        List<Input> inputs = Games.randomInputs(players, frames, players * 3, seed + 1);
        PongGame.Options options = PongGame.Options.shards(shards).withRebalanceEvery(rebalanceEvery);

        InMemoryFrameLog oneThread = new InMemoryFrameLog();
        InMemoryFrameLog threads = new InMemoryFrameLog();
        PongGame sequential = PongGame.create(config, options, oneThread);
        PongGame parallel = PongGame.create(config, options, threads, HELPERS);
        for (int f = 1; f <= frames; f++) {
            Games.submitOnTime(sequential, inputs, f);
            Games.submitOnTime(parallel, inputs, f);
            assertThat(sequential.nextFrame()).isInstanceOf(FrameOutcome.Committed.class);
            assertThat(parallel.nextFrame()).isInstanceOf(FrameOutcome.Committed.class);
            if (f % 8 == 0) {
                // a late input: a rollback and a correction installed through the shards
                Input late = new Input(f % players, f - 3, 1 - (f / 8) % 3);
                assertThat(parallel.submit(late)).isEqualTo(sequential.submit(late));
            }
        }
        assertThat(threads.read(0)).isEqualTo(oneThread.read(0));
        assertThat(parallel.cluster().violations()).isEmpty();
        assertThat(parallel.cluster().loop().parallelBatches())
                .as("shards did run concurrently")
                .isPositive();
    }
}
