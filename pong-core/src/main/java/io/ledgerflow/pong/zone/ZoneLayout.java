package io.ledgerflow.pong.zone;

import io.ledgerflow.pong.physics.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable tiling of the arena into rectangular zones, each assigned to a shard, indexed by an
 * {@link RTree}. A new layout (split/merge) gets a new {@link #version()}; layouts only change between
 * frames.
 */
public final class ZoneLayout {
    private final long version;
    private final int shards;
    private final List<Zone> zones;
    private final RTree<Zone> index;

    public ZoneLayout(long version, int shards, List<Zone> zones) {
        if (shards < 1 || shards > 64) {
            throw new IllegalArgumentException("1..64 shards, was " + shards);
        }
        for (Zone z : zones) {
            if (z.shard() < 0 || z.shard() >= shards) {
                throw new IllegalArgumentException("zone " + z + " has no shard");
            }
        }
        this.version = version;
        this.shards = shards;
        this.zones = List.copyOf(zones);
        this.index = new RTree<>(this.zones, Zone::rect);
    }

    /** A grid of {@code shards} zones (as square as the factors allow), zone i on shard i. */
    public static ZoneLayout initial(Arena arena, int shards) {
        int rows = 1;
        for (int r = 1; r * r <= shards; r++) {
            if (shards % r == 0) {
                rows = r;
            }
        }
        int cols = shards / rows;
        List<Zone> zones = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x0 = (int) ((long) arena.width() * c / cols);
                int x1 = (int) ((long) arena.width() * (c + 1) / cols);
                int y0 = (int) ((long) arena.height() * r / rows);
                int y1 = (int) ((long) arena.height() * (r + 1) / rows);
                zones.add(new Zone(zones.size(), new Rect(x0, y0, x1, y1), zones.size()));
            }
        }
        return new ZoneLayout(0, shards, zones);
    }

    public long version() {
        return version;
    }

    public int shards() {
        return shards;
    }

    public List<Zone> zones() {
        return zones;
    }

    public Zone zoneAt(int x, int y) {
        Zone z = index.find(x, y);
        if (z == null) {
            throw new IllegalArgumentException("no zone at " + x + "," + y);
        }
        return z;
    }

    public int shardAt(int x, int y) {
        return zoneAt(x, y).shard();
    }

    /** Bit mask of the shards owning a zone within {@code margin} (Chebyshev) of the point. */
    public long shardsNear(int x, int y, int margin) {
        long[] mask = {0};
        index.search(
                (long) x - margin,
                (long) y - margin,
                (long) x + margin,
                (long) y + margin,
                z -> mask[0] |= 1L << z.shard());
        return mask[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneLayout l && l.version == version && l.shards == shards && l.zones.equals(zones);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, shards, zones);
    }

    @Override
    public String toString() {
        return "ZoneLayout[v" + version + ", " + zones.size() + " zones over " + shards + " shards]";
    }
}
