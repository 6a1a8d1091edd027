package io.ledgerflow.pong.zone;

/** Half-open axis-aligned rectangle {@code [x0,x1) x [y0,y1)} in sub-pixels. */
public record Rect(int x0, int y0, int x1, int y1) {

    public Rect {
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("empty rect " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    public boolean contains(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    /** True if the closed box {@code [ax0,ax1] x [ay0,ay1]} meets this rectangle. */
    public boolean intersects(long ax0, long ay0, long ax1, long ay1) {
        return ax0 < x1 && ax1 >= x0 && ay0 < y1 && ay1 >= y0;
    }

    public boolean intersects(Rect o) {
        return o.x0 < x1 && o.x1 > x0 && o.y0 < y1 && o.y1 > y0;
    }

    public Rect union(Rect o) {
        return new Rect(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1), Math.max(y1, o.y1));
    }

    public long width() {
        return (long) x1 - x0;
    }

    public long height() {
        return (long) y1 - y0;
    }

    public long area() {
        return width() * height();
    }
}
