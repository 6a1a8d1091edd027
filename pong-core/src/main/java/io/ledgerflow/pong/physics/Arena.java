package io.ledgerflow.pong.physics;

/**
 * Geometry and physical constants of an arena. All lengths in sub-pixels ({@link #UNIT} per pixel).
 *
 * <p>The arena is the rectangle {@code [0,width) x [0,height)}. Its four walls are numbered
 * 0 = bottom (y = 0), 1 = right (x = width), 2 = top (y = height), 3 = left (x = 0). Player {@code p}
 * guards a goal segment on wall {@code p % 4}: the wall is cut into as many equal segments as it has
 * players, in order of player id. A wall without players is a plain wall.
 */
public record Arena(
        int width, int height, int players, int ballRadius, int maxSpeed, int paddleLength, int paddleSpeed) {

    /** Sub-pixels per pixel. */
    public static final int UNIT = 256;

    public Arena {
        if (width <= 4 * ballRadius || height <= 4 * ballRadius) {
            throw new IllegalArgumentException("arena too small for its balls");
        }
        if (players < 0 || ballRadius <= 0 || maxSpeed <= 0 || paddleLength <= 0 || paddleSpeed < 0) {
            throw new IllegalArgumentException("invalid arena " + width + "x" + height);
        }
    }

    /** Arena sized for the given numbers of players and balls, with default physical constants. */
    public static Arena scaled(int players, int balls) {
        int sidePx = (int) Math.max(
                Math.max(480, Math.ceil(Math.sqrt(Math.max(1, balls)) * 40)), Math.ceil(players / 4.0) * 120);
        int segmentPx = sidePx / Math.max(1, (int) Math.ceil(players / 4.0));
        return new Arena(
                sidePx * UNIT,
                sidePx * UNIT,
                players,
                4 * UNIT,
                6 * UNIT,
                Math.max(16, segmentPx * 2 / 5) * UNIT,
                8 * UNIT);
    }

    /**
     * Largest distance between two balls at the start of a frame for which they can touch during it:
     * two diameters' worth of contact distance plus both balls' motion (speed is capped per axis, so the
     * Euclidean motion is at most {@code maxSpeed·√2 < 1.5·maxSpeed}).
     */
    public int reach() {
        return 2 * ballRadius + 3 * maxSpeed;
    }

    /** How far from a zone a ball must be visible to that zone's shard: two reaches (see README). */
    public int ghostMargin() {
        return 2 * reach() + 1;
    }

    public static int wallOf(int player) {
        return player & 3;
    }

    public int wallLength(int wall) {
        return (wall & 1) == 0 ? width : height;
    }

    /** Number of players guarding goal segments on the given wall. */
    public int playersOnWall(int wall) {
        return players <= wall ? 0 : (players - wall + 3) / 4;
    }

    public int segmentStart(int player) {
        int wall = wallOf(player);
        return (int) ((long) (player >> 2) * wallLength(wall) / playersOnWall(wall));
    }

    public int segmentEnd(int player) {
        int wall = wallOf(player);
        return (int) ((long) ((player >> 2) + 1) * wallLength(wall) / playersOnWall(wall));
    }

    /** The player guarding position {@code s} along {@code wall}, or -1 for a plain wall. */
    public int playerAt(int wall, int s) {
        int n = playersOnWall(wall);
        if (n == 0) {
            return -1;
        }
        int slot = (int) ((long) Math.clamp(s, 0, wallLength(wall) - 1) * n / wallLength(wall));
        // integer division may put s one segment off at the boundaries; settle it exactly
        int p = slot * 4 + wall;
        if (s < segmentStart(p) && slot > 0) {
            p -= 4;
        } else if (s >= segmentEnd(p) && slot < n - 1) {
            p += 4;
        }
        return p;
    }

    /** Where a paddle's centre may be: its segment minus half a paddle at each end. */
    public int clampPaddle(int player, int center) {
        int lo = segmentStart(player) + paddleLength / 2;
        int hi = segmentEnd(player) - paddleLength / 2;
        return lo > hi ? (segmentStart(player) + segmentEnd(player)) / 2 : Math.clamp(center, lo, hi);
    }

    public Paddle initialPaddle(int player) {
        return new Paddle(player, (segmentStart(player) + segmentEnd(player)) / 2, 0);
    }
}
