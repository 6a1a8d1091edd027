package io.ledgerflow.pong.zone;

import io.ledgerflow.pong.physics.Ball;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and merges zones between frames when load (balls per zone) is uneven. A pure function of
 * the layout and the committed balls, so every replica that replays the same frames decides the same.
 *
 * <ul>
 *   <li><b>Split</b> the most loaded zone in half across its longer side when it holds more than
 *       {@code 1.5 ×} the mean load per shard (and at least {@link #MIN_SPLIT_LOAD} balls) and both halves stay at least {@code minSide} wide; the
 *       half with fewer balls goes to the least loaded shard (ties: lowest shard id).
 *   <li>Otherwise <b>merge</b> the lightest pair of zones whose union is a rectangle, when there are
 *       more zones than shards and the pair holds less than half the mean load; the union goes to
 *       the shard of the heavier half.
 * </ul>
 */
public final class Rebalancer {
    /** Zones with fewer balls than this are never split: not worth a new zone. */
    static final int MIN_SPLIT_LOAD = 32;

    private Rebalancer() {}

    /** The next layout, or {@code layout} itself when no change is warranted. */
    public static ZoneLayout rebalance(ZoneLayout layout, Ball[] balls, int minSide) {
        if (layout.shards() < 2) {
            return layout;
        }
        List<Zone> zones = layout.zones();
        int[] load = new int[zones.size()];
        int[] zoneIndex = new int[maxZoneId(zones) + 1];
        for (int i = 0; i < zones.size(); i++) {
            zoneIndex[zones.get(i).id()] = i;
        }
        long[] shardLoad = new long[layout.shards()];
        for (Ball b : balls) {
            Zone z = layout.zoneAt(b.x(), b.y());
            load[zoneIndex[z.id()]]++;
            shardLoad[z.shard()]++;
        }
        double mean = (double) balls.length / layout.shards();
        int heaviest = 0;
        for (int i = 1; i < zones.size(); i++) {
            if (load[i] > load[heaviest]) {
                heaviest = i;
            }
        }
        Zone h = zones.get(heaviest);
        Rect r = h.rect();
        boolean vertical = r.width() >= r.height();
        long side = vertical ? r.width() : r.height();
        if (load[heaviest] > 1.5 * mean && load[heaviest] >= MIN_SPLIT_LOAD && side >= 2L * minSide) {
            Rect a;
            Rect b;
            if (vertical) {
                int mid = (int) ((r.x0() + (long) r.x1()) / 2);
                a = new Rect(r.x0(), r.y0(), mid, r.y1());
                b = new Rect(mid, r.y0(), r.x1(), r.y1());
            } else {
                int mid = (int) ((r.y0() + (long) r.y1()) / 2);
                a = new Rect(r.x0(), r.y0(), r.x1(), mid);
                b = new Rect(r.x0(), mid, r.x1(), r.y1());
            }
            int inA = 0;
            for (Ball ball : balls) {
                if (a.contains(ball.x(), ball.y())) {
                    inA++;
                }
            }
            boolean moveA = inA < load[heaviest] - inA;
            int moved = moveA ? inA : load[heaviest] - inA;
            shardLoad[h.shard()] -= moved;
            int target = 0;
            for (int s = 1; s < shardLoad.length; s++) {
                if (shardLoad[s] < shardLoad[target]) {
                    target = s;
                }
            }
            if (target != h.shard()) {
                List<Zone> next = new ArrayList<>(zones);
                int newId = maxZoneId(zones) + 1;
                next.set(heaviest, new Zone(h.id(), moveA ? b : a, h.shard()));
                next.add(new Zone(newId, moveA ? a : b, target));
                return new ZoneLayout(layout.version() + 1, layout.shards(), next);
            }
        }
        if (zones.size() > layout.shards()) {
            int bestI = -1;
            int bestJ = -1;
            long bestLoad = Long.MAX_VALUE;
            for (int i = 0; i < zones.size(); i++) {
                for (int j = i + 1; j < zones.size(); j++) {
                    long pair = (long) load[i] + load[j];
                    if (pair < bestLoad
                            && pair < mean / 2
                            && mergeable(zones.get(i).rect(), zones.get(j).rect())) {
                        bestI = i;
                        bestJ = j;
                        bestLoad = pair;
                    }
                }
            }
            if (bestI >= 0) {
                Zone zi = zones.get(bestI);
                Zone zj = zones.get(bestJ);
                int shard = load[bestI] >= load[bestJ] ? zi.shard() : zj.shard();
                List<Zone> next = new ArrayList<>(zones);
                next.set(bestI, new Zone(Math.min(zi.id(), zj.id()), zi.rect().union(zj.rect()), shard));
                next.remove(bestJ);
                return new ZoneLayout(layout.version() + 1, layout.shards(), next);
            }
        }
        return layout;
    }

    static boolean mergeable(Rect a, Rect b) {
        boolean sideBySide = a.y0() == b.y0() && a.y1() == b.y1() && (a.x1() == b.x0() || b.x1() == a.x0());
        boolean stacked = a.x0() == b.x0() && a.x1() == b.x1() && (a.y1() == b.y0() || b.y1() == a.y0());
        return sideBySide || stacked;
    }

    private static int maxZoneId(List<Zone> zones) {
        int max = 0;
        for (Zone z : zones) {
            max = Math.max(max, z.id());
        }
        return max;
    }
}
