package io.ledgerflow.pong;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.PongGame.FrameOutcome;
import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.log.InMemoryFrameLog;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Same results (state hash, frame by frame) for 1 shard or N shards, with zones splitting and merging. */
class ShardEquivalenceProperties {

    @Property(tries = 25)
    void shardedGameEqualsTheSingleThreadedReference(
            @ForAll @IntRange(min = 1, max = 8) int shards,
            @ForAll @IntRange(min = 2, max = 16) int players,
            @ForAll @IntRange(min = 20, max = 400) int balls,
            @ForAll @IntRange(min = 1, max = 7) int rebalanceEvery,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        int frames = 24;
        GameConfig config = Games.crowded(players, balls, seed);
        List<Input> inputs = Games.randomInputs(players, frames, players * 3, seed + 1);
        List<GameState> reference = Games.reference(config, inputs, frames);

        PongGame game = PongGame.create(
                config, PongGame.Options.shards(shards).withRebalanceEvery(rebalanceEvery), new InMemoryFrameLog());
        long handedOver = 0;
        for (int f = 1; f <= frames; f++) {
            Games.submitOnTime(game, inputs, f);
            int[] ownerBefore = owners(game);
            assertThat(game.nextFrame()).isInstanceOf(FrameOutcome.Committed.class);
            assertThat(game.stateHash())
                    .as("frame %d", f)
                    .isEqualTo(reference.get(f).hash());
            assertThat(game.state()).isEqualTo(reference.get(f));
            int[] ownerAfter = owners(game);
            for (int i = 0; i < ownerAfter.length; i++) {
                handedOver += ownerBefore[i] != ownerAfter[i] ? 1 : 0;
            }
        }
        assertThat(game.cluster().violations()).isEmpty();
        if (shards > 1 && balls >= 100) {
            assertThat(handedOver).as("balls handed between shards").isPositive();
        }
    }

    /** Which shard owns each ball now, read from the shards themselves. */
    static int[] owners(PongGame game) {
        int[] owner = new int[game.state().balls().length];
        for (int s = 0; s < game.cluster().shards(); s++) {
            game.cluster().shard(s).shard().owned().forEach(b -> owner[b.id()] = 0);
        }
        for (int s = 0; s < game.cluster().shards(); s++) {
            int shard = s;
            game.cluster().shard(s).shard().owned().forEach(b -> owner[b.id()] = shard);
        }
        return owner;
    }
}
