package io.ledgerflow.pong.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.physics.Arena;
import io.ledgerflow.pong.physics.Ball;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ZoneTest {
    static final Arena ARENA = Arena.scaled(16, 2000);

    static long area(ZoneLayout l) {
        return l.zones().stream().mapToLong(z -> z.rect().area()).sum();
    }

    static void assertTiles(ZoneLayout l) {
        assertThat(area(l)).isEqualTo((long) ARENA.width() * ARENA.height());
        for (Zone a : l.zones()) {
            for (Zone b : l.zones()) {
                if (a != b) {
                    assertThat(a.rect().intersects(b.rect()))
                            .as("%s overlaps %s", a, b)
                            .isFalse();
                }
            }
        }
    }

    @Property(tries = 40)
    void rTreeAnswersLikeABruteForceScan(
            @ForAll @IntRange(min = 1, max = 64) int shards, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        ZoneLayout layout = ZoneLayout.initial(ARENA, shards);
        assertTiles(layout);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            int x = r.nextInt(ARENA.width());
            int y = r.nextInt(ARENA.height());
            int margin = r.nextInt(ARENA.width() / 4);
            Zone expected = layout.zones().stream()
                    .filter(z -> z.rect().contains(x, y))
                    .findFirst()
                    .orElseThrow();
            assertThat(layout.zoneAt(x, y)).isEqualTo(expected);
            long mask = 0;
            for (Zone z : layout.zones()) {
                if (z.rect().intersects((long) x - margin, (long) y - margin, (long) x + margin, (long) y + margin)) {
                    mask |= 1L << z.shard();
                }
            }
            assertThat(layout.shardsNear(x, y, margin)).isEqualTo(mask);
        }
    }

    @Test
    void anOverloadedZoneIsSplitAndTheHalfGoesToTheLeastLoadedShard() {
        ZoneLayout layout = ZoneLayout.initial(ARENA, 4); // 2x2
        List<Ball> balls = new ArrayList<>();
        // 300 balls crowd the bottom-left zone (zone 0), 10 in each other zone
        for (int i = 0; i < 300; i++) {
            balls.add(new Ball(i, 1000 + (i % 20) * 2000, 1000 + (i / 20) * 2000, 0, 0, -1));
        }
        int id = 300;
        for (Zone z : layout.zones().subList(1, 4)) {
            for (int k = 0; k < 10; k++) {
                balls.add(new Ball(id++, z.rect().x0() + 500 + k * 100, z.rect().y0() + 500, 0, 0, -1));
            }
        }
        ZoneLayout next = Rebalancer.rebalance(layout, balls.toArray(Ball[]::new), 1000);
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.zones()).hasSize(5);
        assertTiles(next);
        Set<Integer> shardsOfOldZone0 = new HashSet<>();
        for (Zone z : next.zones()) {
            if (layout.zones().getFirst().rect().intersects(z.rect())) {
                shardsOfOldZone0.add(z.shard());
            }
        }
        assertThat(shardsOfOldZone0).hasSize(2).contains(0);
    }

    @Test
    void splitZonesMergeBackWhenTheLoadIsGone() {
        ZoneLayout layout = ZoneLayout.initial(ARENA, 2);
        Ball[] crowd = new Ball[100];
        for (int i = 0; i < 100; i++) {
            crowd[i] = new Ball(i, 1000 + i * 100, 1000, 0, 0, -1);
        }
        ZoneLayout split = Rebalancer.rebalance(layout, crowd, 1000);
        assertThat(split.zones()).hasSize(3);
        Ball[] empty = new Ball[] {new Ball(0, ARENA.width() - 1000, ARENA.height() - 1000, 0, 0, -1)};
        ZoneLayout merged = Rebalancer.rebalance(split, empty, 1000);
        assertThat(merged.zones()).hasSize(2);
        assertTiles(merged);
        assertThat(Rebalancer.rebalance(merged, empty, 1000)).isSameAs(merged);
    }
}
