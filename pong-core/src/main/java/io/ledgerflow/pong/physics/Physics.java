package io.ledgerflow.pong.physics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic, swept ball physics for one frame.
 *
 * <p>The next state of a ball is a pure function of the previous states of the balls within
 * {@link Arena#ghostMargin()} of it and of the paddles. That is what lets a shard that sees its own
 * balls plus the ghosts near its zones compute exactly what a single shard seeing everything would.
 *
 * <ol>
 *   <li>Each ball's <em>earliest partner</em> is the ball it would touch first this frame (time of
 *       impact of the relative straight-line motion, quantised to 1/{@link #Q} of a frame; ties by
 *       id). Two balls collide iff each is the other's earliest partner, so both sides of a contact
 *       agree without communicating.
 *   <li>At the contact the balls exchange the normal components of their velocities (equal masses,
 *       elastic), in exact integer arithmetic.
 *   <li>The rest of the frame is integrated against the walls, bounce by bounce (swept: no
 *       tunnelling at any speed). A wall contact inside a goal segment is a paddle hit if the paddle
 *       covers it, otherwise a goal.
 * </ol>
 */
public final class Physics {

    /** Sub-frame time resolution. */
    public static final int Q = 1024;

    private static final int MAX_BOUNCES = 8;

    private Physics() {}

    /**
     * The balls' states after one frame, and the goals scored during it (ordered by ball id).
     *
     * @param balls the advanced {@code owned} balls, in the same order
     */
    public record Step(Ball[] balls, List<Goal> goals) {}

    /**
     * Advances {@code owned} by one frame.
     *
     * @param paddles the paddles at the end of this frame, indexed by player id
     * @param owned balls to advance, sorted by id
     * @param ghosts every other ball within {@link Arena#ghostMargin()} of an owned ball (more is fine)
     */
    public static Step advance(Arena arena, Paddle[] paddles, Ball[] owned, Ball[] ghosts) {
        int n = owned.length + ghosts.length;
        Ball[] all = Arrays.copyOf(owned, n);
        System.arraycopy(ghosts, 0, all, owned.length, ghosts.length);
        Grid grid = new Grid(all, arena.reach());
        int[] partner = new int[n];
        int[] partnerT = new int[n];
        Arrays.fill(partner, -2);
        Ball[] out = new Ball[owned.length];
        List<Goal> goals = new ArrayList<>();
        int contact = 2 * arena.ballRadius();
        int reach = arena.reach();
        for (int i = 0; i < owned.length; i++) {
            int p = earliest(i, all, grid, contact, reach, partner, partnerT);
            Ball b = owned[i];
            if (p >= 0 && earliest(p, all, grid, contact, reach, partner, partnerT) == i) {
                out[i] = collideThenMove(arena, paddles, b, all[p], partnerT[i], goals);
            } else {
                out[i] = move(arena, paddles, b, b.x(), b.y(), b.vx(), b.vy(), b.lastHitter(), Q, goals);
            }
        }
        return new Step(out, goals);
    }

    private static int earliest(int i, Ball[] all, Grid grid, int contact, int reach, int[] partner, int[] partnerT) {
        if (partner[i] != -2) {
            return partner[i];
        }
        Ball a = all[i];
        int best = -1;
        int bestT = Integer.MAX_VALUE;
        int bestId = Integer.MAX_VALUE;
        int cx = grid.col(a.x());
        int cy = grid.row(a.y());
        for (int gy = Math.max(0, cy - 1); gy <= Math.min(grid.rows - 1, cy + 1); gy++) {
            for (int gx = Math.max(0, cx - 1); gx <= Math.min(grid.cols - 1, cx + 1); gx++) {
                int cell = gy * grid.cols + gx;
                for (int k = grid.start[cell]; k < grid.start[cell + 1]; k++) {
                    int j = grid.items[k];
                    if (j == i) {
                        continue;
                    }
                    Ball b = all[j];
                    if (Math.abs(b.x() - a.x()) > reach || Math.abs(b.y() - a.y()) > reach) {
                        continue; // too far to touch this frame (see Arena.reach)
                    }
                    int t = timeOfImpact(a, b, contact);
                    if (t >= 0 && (t < bestT || (t == bestT && b.id() < bestId))) {
                        best = j;
                        bestT = t;
                        bestId = b.id();
                    }
                }
            }
        }
        partner[i] = best;
        partnerT[i] = bestT;
        return best;
    }

    /**
     * First time in this frame, in 1/{@link #Q} frames, at which two balls moving in straight lines are
     * {@code contact} apart while approaching; 0 if they already overlap and approach; -1 if never.
     */
    static int timeOfImpact(Ball a, Ball b, int contact) {
        long dx = (long) b.x() - a.x();
        long dy = (long) b.y() - a.y();
        long dvx = (long) b.vx() - a.vx();
        long dvy = (long) b.vy() - a.vy();
        long half = dx * dvx + dy * dvy;
        if (half >= 0) {
            return -1; // not approaching
        }
        long c = dx * dx + dy * dy - (long) contact * contact;
        if (c <= 0) {
            return 0;
        }
        long aa = dvx * dvx + dvy * dvy;
        if (-half > aa && c + 2 * half + aa > 0) {
            return -1; // still closing at the end of the frame and not yet in contact
        }
        double disc = (double) half * (double) half - (double) aa * (double) c;
        if (disc < 0) {
            return -1;
        }
        double t = (-(double) half - Math.sqrt(disc)) / (double) aa;
        if (!(t < 1.0)) {
            return -1;
        }
        return Math.clamp((long) Math.floor(t * Q), 0, Q - 1);
    }

    private static Ball collideThenMove(Arena arena, Paddle[] paddles, Ball a, Ball b, int t, List<Goal> goals) {
        int ax = a.x() + (int) Math.floorDiv((long) a.vx() * t, Q);
        int ay = a.y() + (int) Math.floorDiv((long) a.vy() * t, Q);
        int bx = b.x() + (int) Math.floorDiv((long) b.vx() * t, Q);
        int by = b.y() + (int) Math.floorDiv((long) b.vy() * t, Q);
        long nx = (long) bx - ax;
        long ny = (long) by - ay;
        long nn = nx * nx + ny * ny;
        long rel = ((long) b.vx() - a.vx()) * nx + ((long) b.vy() - a.vy()) * ny;
        int vx = a.vx();
        int vy = a.vy();
        if (nn > 0 && rel < 0) {
            int max = arena.maxSpeed();
            vx = Math.clamp(vx + Math.floorDiv(rel * nx, nn), -max, max);
            vy = Math.clamp(vy + Math.floorDiv(rel * ny, nn), -max, max);
        }
        int r = arena.ballRadius();
        ax = Math.clamp(ax, r, arena.width() - r);
        ay = Math.clamp(ay, r, arena.height() - r);
        return move(arena, paddles, a, ax, ay, vx, vy, a.lastHitter(), Q - t, goals);
    }

    /** Integrates the remaining {@code rem}/Q of the frame against walls, paddles and goals. */
    private static Ball move(
            Arena arena,
            Paddle[] paddles,
            Ball a,
            int x,
            int y,
            int vx,
            int vy,
            int hitter,
            int rem,
            List<Goal> goals) {
        int r = arena.ballRadius();
        int hiX = arena.width() - r;
        int hiY = arena.height() - r;
        for (int bounce = 0; bounce <= MAX_BOUNCES && rem > 0; bounce++) {
            int ex = x + (int) Math.floorDiv((long) vx * rem, Q);
            int ey = y + (int) Math.floorDiv((long) vy * rem, Q);
            boolean outX = ex > hiX || ex < r;
            boolean outY = ey > hiY || ey < r;
            if ((!outX && !outY) || bounce == MAX_BOUNCES) {
                x = ex;
                y = ey;
                break;
            }
            int tx = outX ? wallTime(x, vx, ex > hiX ? hiX : r, rem) : Integer.MAX_VALUE;
            int ty = outY ? wallTime(y, vy, ey > hiY ? hiY : r, rem) : Integer.MAX_VALUE;
            int th = Math.min(tx, ty);
            x += (int) Math.floorDiv((long) vx * th, Q);
            y += (int) Math.floorDiv((long) vy * th, Q);
            rem -= th;
            if (tx <= ty) {
                int wall = ex > hiX ? 1 : 3;
                x = ex > hiX ? hiX : r;
                vx = -vx;
                int paddleV = contact(arena, paddles, a.id(), wall, y, hitter, goals);
                int owner = arena.playerAt(wall, y);
                if (paddleV == Integer.MIN_VALUE) {
                    hitter = -1;
                } else if (owner >= 0) {
                    hitter = owner;
                    vy = Math.clamp(vy + paddleV, -arena.maxSpeed(), arena.maxSpeed());
                }
            }
            if (ty <= tx) {
                int wall = ey > hiY ? 2 : 0;
                y = ey > hiY ? hiY : r;
                vy = -vy;
                int paddleV = contact(arena, paddles, a.id(), wall, x, hitter, goals);
                int owner = arena.playerAt(wall, x);
                if (paddleV == Integer.MIN_VALUE) {
                    hitter = -1;
                } else if (owner >= 0) {
                    hitter = owner;
                    vx = Math.clamp(vx + paddleV, -arena.maxSpeed(), arena.maxSpeed());
                }
            }
        }
        x = Math.clamp(x, r, hiX);
        y = Math.clamp(y, r, hiY);
        return new Ball(a.id(), x, y, vx, vy, hitter);
    }

    /** Time (in 1/Q frames, within [0, rem]) at which coordinate {@code p} moving at {@code v} reaches {@code wall}. */
    private static int wallTime(int p, int v, int wall, int rem) {
        if (v == 0) {
            return rem;
        }
        long t = Math.floorDiv(((long) wall - p) * Q, v);
        return (int) Math.clamp(t, 0, rem);
    }

    /**
     * A ball touched {@code wall} at position {@code along}. Returns the tangential velocity the paddle
     * adds if a paddle (or plain wall: 0) returned the ball, or {@link Integer#MIN_VALUE} for a goal.
     */
    private static int contact(
            Arena arena, Paddle[] paddles, int ballId, int wall, int along, int hitter, List<Goal> goals) {
        int player = arena.playerAt(wall, along);
        if (player < 0) {
            return 0;
        }
        Paddle paddle = paddles[player];
        if (Math.abs((long) along - paddle.center()) <= arena.paddleLength() / 2 + arena.ballRadius()) {
            return paddle.dir() * arena.paddleSpeed() / 2;
        }
        goals.add(new Goal(ballId, player, hitter == player ? -1 : hitter));
        return Integer.MIN_VALUE;
    }

    /** Uniform grid over a set of balls, counting-sorted, cells at least {@code reach} wide. */
    private static final class Grid {
        final int minX;
        final int minY;
        final int cell;
        final int cols;
        final int rows;
        final int[] start;
        final int[] items;

        Grid(Ball[] all, int reach) {
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
            for (Ball b : all) {
                x0 = Math.min(x0, b.x());
                y0 = Math.min(y0, b.y());
                x1 = Math.max(x1, b.x());
                y1 = Math.max(y1, b.y());
            }
            if (all.length == 0) {
                x0 = y0 = x1 = y1 = 0;
            }
            long w = (long) x1 - x0 + 1;
            long h = (long) y1 - y0 + 1;
            // at least `reach`, and coarse enough that there are not many more cells than balls
            // cells of `reach`, unless that would make many more cells than balls
            long c = Math.max(reach, (long) Math.ceil(Math.sqrt((double) w * h / (4.0 * Math.max(1, all.length)))));
            minX = x0;
            minY = y0;
            cell = (int) c;
            cols = (int) (w / c + 1);
            rows = (int) (h / c + 1);
            start = new int[cols * rows + 1];
            items = new int[all.length];
            int[] cellOf = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                cellOf[i] = row(all[i].y()) * cols + col(all[i].x());
                start[cellOf[i] + 1]++;
            }
            for (int k = 0; k < cols * rows; k++) {
                start[k + 1] += start[k];
            }
            int[] fill = Arrays.copyOf(start, start.length - 1);
            for (int i = 0; i < all.length; i++) {
                items[fill[cellOf[i]]++] = i;
            }
        }

        int col(int x) {
            return (x - minX) / cell;
        }

        int row(int y) {
            return (y - minY) / cell;
        }
    }
}
