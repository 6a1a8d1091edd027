package io.ledgerflow.pong.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.shard.Shard;
import io.ledgerflow.pong.shard.ShardRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shard's durable state is exactly the replay of its store, after every single message. */
class ShardReplayTest {

    @Test
    void replayingAShardsStoreGivesItsLiveStateAfterEveryMessage() {
        FaultyGame g = new FaultyGame(3, 150, 6, new SimulatedNetwork.Faults(0.02, 0.1, 3), 4);
        List<String> mismatches = new ArrayList<>();
        int[] checks = {0};
        // check before each delivery, i.e. after the previous message was fully handled
        g.network.onDeliver(m -> {
            for (int s = 0; s < 3; s++) {
                ShardRuntime rt = g.game.cluster().shard(s);
                if (rt.isUp()) {
                    Shard replayed =
                            Shard.recover(s, 3, g.config.arena(), rt.store().records());
                    checks[0]++;
                    if (!replayed.durableState().equals(rt.shard().durableState())) {
                        mismatches.add("shard " + s + " before " + m);
                    }
                }
            }
            return true;
        });
        g.playAll(6);
        assertThat(checks[0]).isGreaterThan(100);
        assertThat(mismatches).isEmpty();
    }
}
